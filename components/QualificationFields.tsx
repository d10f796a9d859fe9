import type { LeadFormValues } from '../lib/lead/form';
import { qualificationLevels } from '../lib/lead/schema';

const levelLabels: Record<LeadFormValues['level'], string> = { raw: 'Raw', lukewarm: 'Lukewarm', hot: 'Hot' };
const bant = [
  ['budget', 'Budget'],
  ['authority', 'Authority'],
  ['need', 'Need'],
  ['timing', 'Timing'],
] as const;

type Props = {
  values: LeadFormValues;
  onChange: <K extends keyof LeadFormValues>(field: K, value: LeadFormValues[K]) => void;
};

/** How warm the lead is, and which BANT criteria the rep already knows are met. */
export function QualificationFields({ values, onChange }: Props) {
  return (
    <div className="qualification">
      <fieldset className="segmented">
        <legend>Qualification</legend>
        {qualificationLevels.map((level) => (
          <label key={level} className={`segmented__option segmented__option--${level}`}>
            <input
              type="radio"
              name="qualification"
              value={level}
              checked={values.level === level}
              onChange={() => onChange('level', level)}
            />
            {levelLabels[level]}
          </label>
        ))}
      </fieldset>
      <fieldset className="checks">
        <legend>BANT</legend>
        {bant.map(([field, label]) => (
          <label key={field}>
            <input type="checkbox" checked={values[field]} onChange={(event) => onChange(field, event.target.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
