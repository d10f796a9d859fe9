import { TextField } from '../../../components/TextField';
import type { CrmSettings } from '../../../lib/crm/settings';
import type { FormErrors, FormValues } from '../../../lib/crm/settings-form';
import { stageMapToLines, type StageMapCrm } from '../../../lib/crm/stage-map';
import { defaultStageMaps } from '../../../lib/crm/stage-map-defaults';

type Props = {
  crm: StageMapCrm;
  what: string;
  values: FormValues;
  errors: FormErrors;
  change: (patch: Partial<FormValues>) => void;
  saved: CrmSettings | null;
};

/** "Stages for the Results tab": how this CRM's stages count there, a line per stage. */
export function StageMapField({ crm, what, values, errors, change, saved }: Props) {
  const defaults = stageMapToLines(defaultStageMaps[crm]);
  const savedMap = saved?.crm === crm ? saved.stageMap : undefined;
  // Not edited yet: the saved map, else the defaults. Blank (after "Back to the defaults"): the defaults.
  const lines = values.stages[crm] ?? (savedMap ? stageMapToLines(savedMap) : defaults);
  const set = (text: string) => change({ stages: { ...values.stages, [crm]: text } });
  return (
    <details className="advanced" open={errors.stages ? true : undefined}>
      <summary>Stages for the Results tab</summary>
      <TextField
        label="Stages"
        multiline
        hint={`One per line: ${what} = meeting, demo, proposal, won or lost. Names match in any case; a stage not listed counts as open. Won and lost deals count as such whatever their stage. Blank: the defaults shown.`}
        placeholder={defaults}
        value={lines}
        error={errors.stages}
        onChange={set}
      />
      {lines.trim() !== '' && lines.trim() !== defaults && (
        <button type="button" className="link" onClick={() => set('')}>
          Back to the defaults
        </button>
      )}
    </details>
  );
}
