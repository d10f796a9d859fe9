import type { LeadFormValues } from '../../../lib/lead/form';
import { suggestedLevel } from '../../../lib/lead/qualification';
import { qualificationLevels } from '../../../lib/lead/terms';

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

/**
 * How warm the lead is, and which BANT criteria the rep already knows are met. Ticking BANT moves
 * the level to what it suggests; the rep can still pick another level afterwards.
 */
export function QualificationFields({ values, onChange }: Props) {
  const suggestion = suggestedLevel(values);
  const setBant = (field: (typeof bant)[number][0], checked: boolean) => {
    onChange(field, checked);
    onChange('level', suggestedLevel({ ...values, [field]: checked }));
  };
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
            <input type="checkbox" checked={values[field]} onChange={(event) => setBant(field, event.target.checked)} />
            {label}
          </label>
        ))}
        {suggestion !== values.level && <p className="field__hint">BANT suggests {levelLabels[suggestion]}.</p>}
      </fieldset>
    </div>
  );
}
