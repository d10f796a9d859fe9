import type { ConnectionCheck } from '../connector';
import { marketingChannels, missingChannelsProblem, wantsChannels } from './channels';
import { checkLeadIdField } from './fields';
import { pipedriveCall as call } from './http';
import type { PipedriveSettings } from './settings';

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testPipedriveConnection(settings: PipedriveSettings, signal: AbortSignal): Promise<ConnectionCheck> {
  const me = await call(settings, 'GET', '/v1/users/me', undefined, signal);
  if (!me.ok) return { ok: false, message: me.result.error };
  const kept: string[] = [];
  if (settings.personIdField) {
    const field = await checkLeadIdField(settings, settings.personIdField, signal);
    if (typeof field === 'string') return { ok: false, message: field };
    kept.push(`the person field "${field.name}" keeps each lead's id`);
  }
  if (wantsChannels(settings)) {
    const channels = await marketingChannels(settings, signal, { fresh: true });
    if (!(channels instanceof Map)) return { ok: false, message: channels.result.error };
    const problem = missingChannelsProblem(settings, channels);
    if (problem) return { ok: false, message: problem };
    kept.push('each source has its marketing channel');
  }
  return { ok: true, message: `Connected to Pipedrive${kept.length ? `, and ${kept.join(', and ')}` : ''}` };
}
