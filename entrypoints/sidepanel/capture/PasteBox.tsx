import { useId, useState } from 'react';

/** A signature or business-card text, pasted to fill the form. */
export function PasteBox({ onFill, busy }: { onFill: (text: string) => void; busy: boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  return (
    <details className="paste">
      <summary>Paste a signature or business card</summary>
      <div className="field">
        <label htmlFor={id}>Signature or card text</label>
        <textarea id={id} rows={4} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="button" disabled={busy || !text.trim()} onClick={() => onFill(text)}>
        Fill from text
      </button>
    </details>
  );
}
