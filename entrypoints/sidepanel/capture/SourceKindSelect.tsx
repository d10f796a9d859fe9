import { useId } from 'react';
import { sourceLabels } from '../../../lib/lead/describe';
import { sourceKinds, type SourceKind } from '../../../lib/lead/terms';

/** Where a lead came from, as a labelled choice of the four sources. */
export function SourceKindSelect({ label, value, onChange }: { label: string; value: SourceKind; onChange: (kind: SourceKind) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as SourceKind)}>
        {sourceKinds.map((kind) => (
          <option key={kind} value={kind}>
            {sourceLabels[kind]}
          </option>
        ))}
      </select>
    </div>
  );
}
