import { useId, useState } from 'react';
import { useStoredQuery } from '../../components/useStoredQuery';
import { cardLanguagesItem, cardLanguagesOr, OCR_LANGUAGES, type OcrLanguage } from '../../lib/scan/languages';

/** The languages business cards are read in. Saved as soon as it changes; at least one stays ticked. */
export function CardLanguageSettings() {
  const id = useId();
  const stored = useStoredQuery(cardLanguagesItem);
  // What the rep just ticked shows at once; the stored value follows.
  const [ticked, setTicked] = useState<OcrLanguage[] | null>(null);
  const chosen = ticked ?? cardLanguagesOr(stored);
  const toggle = (code: OcrLanguage, on: boolean) => {
    const next = OCR_LANGUAGES.map((language) => language.code).filter((language) => (language === code ? on : chosen.includes(language)));
    if (next.length === 0) return;
    setTicked(next);
    void cardLanguagesItem.setValue(next);
  };
  return (
    <fieldset className="card-languages" aria-describedby={`${id}-hint`}>
      <legend>Read business cards in</legend>
      {OCR_LANGUAGES.map(({ code, label }) => (
        <label key={code} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(code)}
            disabled={chosen.length === 1 && chosen.includes(code)}
            onChange={(event) => toggle(code, event.target.checked)}
          />
          {label}
        </label>
      ))}
      <p id={`${id}-hint`} className="field__hint">
        Accents and letters of these languages are read right (ü, é, ñ). Each one more makes a card take a little longer to read. Everything is read on
        this computer: the languages come with Fieldclip, nothing is downloaded.
      </p>
    </fieldset>
  );
}
