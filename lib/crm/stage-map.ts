import * as z from 'zod/mini';
import { outcomeStages, type OutcomeStage, type StageMap } from './outcomes';

// Each CRM's own stage names mapped onto Fieldclip's stages (lib/crm/outcomes.ts), set on the
// options page as lines ("Demo Scheduled = demo") and saved with the CRM's settings; none saved:
// the CRM's defaults (stage-map-defaults.ts). Names match in any case.

/** The CRMs whose stages are mapped (a webhook answers in Fieldclip's own stages). */
export type StageMapCrm = 'hubspot' | 'salesforce' | 'pipedrive' | 'twenty';

export const stageMapSchema = z.record(
  z.string().check(z.minLength(1), z.maxLength(200)),
  z.enum(outcomeStages, { error: `A Fieldclip stage: ${outcomeStages.join(', ')}` }),
).check(z.refine((map) => Object.keys(map).length <= 200, { error: 'At most 200 stages' }));

/** A stage name looked up in any case; a name the map does not hold is `open` (in the CRM, nothing more known). */
export function mappedStage(map: StageMap, crmStage: string | null | undefined): OutcomeStage {
  if (!crmStage) return 'open';
  const exact = map[crmStage];
  if (exact) return exact;
  const lower = crmStage.trim().toLowerCase();
  return Object.entries(map).find(([name]) => name.toLowerCase() === lower)?.[1] ?? 'open';
}

/** The map as the options page shows it: a line per stage. */
export function stageMapToLines(map: StageMap): string {
  return Object.entries(map)
    .map(([name, stage]) => `${name} = ${stage}`)
    .join('\n');
}

/** "CRM stage = Fieldclip stage" lines; a line that is not one is reported, not dropped. */
export function stageMapFromLines(text: string): StageMap | string {
  const map: StageMap = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf('=');
    const name = line.slice(0, at).trim();
    const stage = line.slice(at + 1).trim().toLowerCase();
    if (at < 0 || !name) return `Write one stage per line, like Demo Scheduled = demo`;
    const known = outcomeStages.find((candidate) => candidate === stage);
    if (!known) return `“${stage.slice(0, 40)}” is not a Fieldclip stage: use ${outcomeStages.join(', ')}`;
    map[name] = known;
  }
  return map;
}
