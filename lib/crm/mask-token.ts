/** How a saved token is shown after saving: enough to recognise it, not enough to use it. */
export function maskToken(token: string): string {
  return token.length <= 8 ? '••••' : `••••${token.slice(-4)}`;
}
