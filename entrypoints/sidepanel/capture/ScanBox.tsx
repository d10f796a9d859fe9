import { lazy, Suspense, useId, useState, type RefObject } from 'react';

const CameraCapture = lazy(() => import('./CameraCapture').then((module) => ({ default: module.CameraCapture })));

type Props = {
  busy: boolean;
  dragging: boolean;
  /** The text the card reader read, shown for the rep to check. */
  cardText: string | undefined;
  onImage: (image: Blob) => void;
  onPreload: () => void;
  inputRef: RefObject<HTMLInputElement | null>;
};

/** "Scan badge or card": a picture from a file, the camera, the clipboard or a drop fills the form. */
export function ScanBox({ busy, dragging, cardText, onImage, onPreload, inputRef }: Props) {
  const id = useId();
  const [camera, setCamera] = useState(false);
  return (
    <fieldset className={`scan${dragging ? ' scan--dragging' : ''}`} aria-busy={busy} onFocus={onPreload} onPointerEnter={onPreload}>
      <legend>Scan badge or card</legend>
      <div className="scan__row">
        <label htmlFor={id}>Badge or card image</label>
        <input
          ref={inputRef}
          id={id}
          type="file"
          accept="image/*"
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) onImage(file);
          }}
        />
        <button type="button" disabled={busy} onClick={() => setCamera(true)} aria-expanded={camera}>
          Use camera
        </button>
      </div>
      <p id={`${id}-hint`} className="scan__hint">
        {busy ? 'Reading the picture…' : dragging ? 'Drop the picture to scan it.' : 'Or paste a picture (Ctrl+V) or drop one here. Read on this computer; nothing is uploaded.'}
      </p>
      {camera && (
        <Suspense fallback={<p className="scan__hint">Starting the camera…</p>}>
          <CameraCapture
            onPicture={(picture) => {
              setCamera(false);
              onImage(picture);
            }}
            onClose={() => setCamera(false)}
          />
        </Suspense>
      )}
      {cardText && (
        <details className="scan__text">
          <summary>Text read from the card</summary>
          <pre>{cardText}</pre>
        </details>
      )}
    </fieldset>
  );
}
