import { useId, type InputHTMLAttributes } from 'react';
import type { FillOrigin } from '../lib/capture-form/reducer';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  /** Filled from the page, a badge's code or a card's picture: marked so the rep checks it before saving. */
  filledFrom?: FillOrigin;
  multiline?: boolean;
  type?: InputHTMLAttributes<HTMLInputElement>['type'];
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  placeholder?: string;
  /** A keyboard shortcut that focuses this field (see lib/shortcuts.ts). */
  shortcut?: string;
};

/** A labelled input with its message underneath; the message is tied to the input for screen readers. */
export function TextField({ label, value, onChange, error, hint: givenHint, required, filledFrom, multiline, shortcut, ...input }: Props) {
  const id = useId();
  const hint = filledFrom ? `Filled from the ${filledFrom}: check it` : givenHint;
  const messageId = `${id}-message`;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': error || hint ? messageId : undefined,
    'data-shortcut': shortcut,
    'aria-keyshortcuts': shortcut,
  };
  return (
    <div className={`field${error ? ' field--invalid' : ''}${filledFrom ? ' field--from-page' : ''}`}>
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {required && <span className="field__required">required</span>}
        {filledFrom && <span className="field__tag">from {filledFrom}</span>}
      </div>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} {...input} type={input.type ?? 'text'} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? (
        <p id={messageId} className="field__error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={messageId} className="field__hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
