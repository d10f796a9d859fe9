import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { cameraTrouble, type CameraTrouble } from '../../../lib/scan/camera';

type CameraState = { kind: 'starting' } | { kind: 'live' } | CameraTrouble;

/**
 * A live view of the camera and "Take picture". The side panel cannot show the browser's camera
 * prompt, so when the camera is not yet allowed the rep allows it once on an extension page in a
 * tab (camera.html); the grant is the extension's and holds here from then on.
 */
export function CameraCapture({ onPicture, onClose }: { onPicture: (picture: Blob) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then(
        (media) => {
          if (stopped) {
            media.getTracks().forEach((track) => track.stop());
            return;
          }
          stream.current = media;
          if (video.current) video.current.srcObject = media;
          setState({ kind: 'live' });
        },
        (error: unknown) => !stopped && setState(cameraTrouble(error)),
      );
    return () => {
      stopped = true;
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
    };
  }, [attempt]);

  const take = () => {
    const frame = video.current;
    if (!frame || frame.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = frame.videoWidth;
    canvas.height = frame.videoHeight;
    canvas.getContext('2d')?.drawImage(frame, 0, 0);
    canvas.toBlob((picture) => picture && onPicture(picture), 'image/png');
  };

  return (
    <div className="camera">
      <video ref={video} autoPlay playsInline muted hidden={state.kind !== 'live'} aria-label="Camera view" />
      {state.kind === 'starting' && <p className="scan__hint">Starting the camera…</p>}
      {state.kind === 'blocked' && (
        <p className="scan__problem" role="alert">
          The side panel cannot ask for the camera. Allow it once in a tab, then come back and press <em>Try again</em>.{' '}
          <button type="button" className="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/camera.html') })}>
            Allow the camera
          </button>
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="scan__problem" role="alert">
          {state.message}
        </p>
      )}
      <div className="camera__actions">
        {state.kind === 'live' && (
          <button type="button" className="primary" onClick={take}>
            Take picture
          </button>
        )}
        {state.kind === 'blocked' && (
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close camera
        </button>
      </div>
    </div>
  );
}
