import { useId } from 'react';
import { useStoredQuery } from '../../components/useStoredQuery';
import { currencyChoices, defaultCurrencyItem, defaultCurrencyOr } from '../../lib/capture-form/currency';
import { knownCurrencies } from '../../lib/lead/schema';

/** The currency opportunity sizes are in unless the rep picks another. Saved as soon as it changes. */
export function CurrencySettings() {
  const id = useId();
  const current = defaultCurrencyOr(useStoredQuery(defaultCurrencyItem));
  return (
    <div className="field">
      <div className="field__label">
        <label htmlFor={id}>Default currency</label>
      </div>
      <select id={id} value={current} aria-describedby={`${id}-hint`} onChange={(event) => void defaultCurrencyItem.setValue(event.target.value)}>
        {currencyChoices(knownCurrencies()).map(({ code, label }) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field__hint">
        For the opportunity size of new leads; the rep can pick another for each lead. At first, your browser region’s.
      </p>
    </div>
  );
}
