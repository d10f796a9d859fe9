import { useEffect, useId } from 'react';
import { TextField } from '../../../components/TextField';
import { useStoredQuery } from '../../../components/useStoredQuery';
import { currencyChoices, defaultCurrencyItem, defaultCurrencyOr } from '../../../lib/capture-form/currency';
import type { LeadFormErrors, LeadFormValues } from '../../../lib/lead/form';
import { knownCurrencies } from '../../../lib/lead/schema';

type Props = {
  values: LeadFormValues;
  errors: LeadFormErrors;
  onChange: <K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]) => void;
};

/** "Opportunity size" and its currency: what the rep sees the deal could be worth, when they know. */
export function OpportunityFields({ values, errors, onChange }: Props) {
  const currencyId = useId();
  const stored = useStoredQuery(defaultCurrencyItem);
  // A form with no currency yet takes the default (once storage has said what it is).
  const { currency } = values;
  useEffect(() => {
    if (!currency && stored !== undefined) onChange('currency', defaultCurrencyOr(stored));
  }, [currency, stored, onChange]);
  return (
    <div className="opportunity">
      <TextField
        label="Opportunity size"
        inputMode="decimal"
        placeholder="25,000"
        hint="Optional: what the deal could be worth."
        value={values.opportunityAmount}
        error={errors.opportunityAmount}
        onChange={(value) => onChange('opportunityAmount', value)}
      />
      <div className="field">
        <label htmlFor={currencyId}>Currency</label>
        <select
          id={currencyId}
          value={currency || defaultCurrencyOr(stored)}
          onChange={(event) => onChange('currency', event.target.value)}
          aria-invalid={errors.currency ? true : undefined}
          aria-describedby={errors.currency ? `${currencyId}-message` : undefined}
        >
          {currencyChoices(knownCurrencies()).map(({ code, label }) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
        {errors.currency && (
          <p id={`${currencyId}-message`} className="field__error">
            {errors.currency}
          </p>
        )}
      </div>
    </div>
  );
}
