// Why the camera did not start, from getUserMedia's error: the side panel and the page that asks
// for the camera say the same things, each in its own place.

export type CameraTrouble = { kind: 'blocked' } | { kind: 'failed'; message: string };

export function cameraTrouble(error: unknown): CameraTrouble {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'blocked' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { kind: 'failed', message: 'No camera was found on this computer: choose a picture instead.' };
  if (name === 'NotReadableError') return { kind: 'failed', message: 'The camera is in use by another program: close it there, then try again.' };
  return { kind: 'failed', message: `The camera did not start (${error instanceof Error ? error.message : String(error)}).` };
}
