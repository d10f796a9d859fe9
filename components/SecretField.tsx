import { maskToken } from '../lib/crm/mask-token';
import { TextField } from './TextField';

type Props = {
  label: string;
  /** The secret already saved: shown masked, kept while the field is left blank. */
  saved: string | undefined;
  /** What the field is for, shown until a secret is saved. */
  hint: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  /** With a saved secret: a checkbox to remove it (for optional secrets). */
  removal?: { label: string; checked: boolean; onChange: (checked: boolean) => void };
};

/** A token, key or secret: typed blind, never shown back in full once saved. */
export function SecretField({ label, saved, hint, value, error, onChange, removal }: Props) {
  const kept = saved && !removal?.checked;
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="off"
        hint={kept ? `The saved one ends ${maskToken(saved)}. Type a new one to replace it.` : hint}
        value={value}
        error={error}
        onChange={onChange}
      />
      {saved && removal && (
        <label className="inline-check">
          <input type="checkbox" checked={removal.checked} onChange={(event) => removal.onChange(event.target.checked)} />
          {removal.label}
        </label>
      )}
    </>
  );
}
