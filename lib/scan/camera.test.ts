import { describe, expect, it } from 'vitest';
import { cameraTrouble } from './camera';

describe('why the camera did not start', () => {
  it('tells a refused camera from a missing, a busy and a broken one', () => {
    expect(cameraTrouble(new DOMException('Permission dismissed', 'NotAllowedError'))).toEqual({ kind: 'blocked' });
    expect(cameraTrouble(new DOMException('', 'NotFoundError'))).toEqual({ kind: 'failed', message: 'No camera was found on this computer: choose a picture instead.' });
    expect(cameraTrouble(new DOMException('', 'NotReadableError'))).toMatchObject({ message: /in use by another program/ });
    expect(cameraTrouble(new Error('boom'))).toEqual({ kind: 'failed', message: 'The camera did not start (boom).' });
  });
});
