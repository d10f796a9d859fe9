import { TextField } from '../../../components/TextField';
import type { FormErrors, FormValues } from '../../../lib/crm/settings-form';
import { defaultStageMaps, stageMapToLines, type StageMapCrm } from '../../../lib/crm/stage-map';

type Props = { crm: StageMapCrm; what: string; values: FormValues; errors: FormErrors; change: (patch: Partial<FormValues>) => void };

/** "Stages for Results": how this CRM's stages count on the Results tab, a line per stage. */
export function StageMapField({ crm, what, values, errors, change }: Props) {
  const set = (lines: string) => change({ stages: { ...values.stages, [crm]: lines } });
  const isDefault = values.stages[crm].trim() === stageMapToLines(defaultStageMaps[crm]);
  return (
    <details className="advanced" open={errors.stages ? true : undefined}>
      <summary>Stages for the Results tab</summary>
      <TextField
        label="Stages"
        multiline
        hint={`One per line: ${what} = meeting, demo, proposal, won or lost. Names match in any case; a stage not listed counts as open. Won and lost deals count as such whatever their stage.`}
        value={values.stages[crm]}
        error={errors.stages}
        onChange={set}
      />
      {!isDefault && (
        <button type="button" className="link" onClick={() => set(stageMapToLines(defaultStageMaps[crm]))}>
          Back to the defaults
        </button>
      )}
    </details>
  );
}
