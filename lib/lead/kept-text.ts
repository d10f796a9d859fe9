/** The longest sync message (a CRM's refusal or error) a lead keeps. */
export const SYNC_MESSAGE_MAX = 2000;

/**
 * Text from outside (a CRM's answer) as Fieldclip keeps and shows it: its start, and how long it
 * was when it had to be cut, so the rep knows there was more.
 */
export function keptText(text: string, max = SYNC_MESSAGE_MAX): string {
  if (text.length <= max) return text;
  const note = ` … (cut: ${text.length} characters in all)`;
  return `${text.slice(0, max - note.length)}${note}`;
}
