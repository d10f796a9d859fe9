import * as z from 'zod/mini';
import { sourceDetail, sourceLabels } from '../lead/describe';
import type { Lead } from '../lead/schema';
import type { ConnectionCheck, CrmConnector, LeadResult, SendResult } from './connector';
import type { PipedriveSettings } from './settings-schema';
import { classifyFailure, classifyFetchError, errorDetail } from './http';

// Pipedrive, with a personal API token. For each lead: find the person by email, update or create
// them, then create the Pipedrive lead linked to that person (or update it, once we know its id).
// Every Pipedrive lead carries the Fieldclip lead's id as its origin_id: a retry after a lost answer
// looks among the person's leads for it before creating one.

/** The Pipedrive lead's title says who, where from, and the source's detail. */
export function pipedriveLeadTitle(lead: Lead): string {
  const who = [lead.fullName, lead.company].filter(Boolean).join(', ');
  const detail = sourceDetail(lead.source);
  return `${who} · ${sourceLabels[lead.source.kind]}${detail ? ` (${detail})` : ''}`.slice(0, 250);
}

export function pipedrivePersonFromLead(lead: Lead) {
  return {
    name: lead.fullName ?? lead.company ?? '',
    ...(lead.email ? { email: [{ value: lead.email, primary: true, label: 'work' }] } : {}),
    ...(lead.phone ? { phone: [{ value: lead.phone, primary: true, label: 'work' }] } : {}),
  };
}

type Answer = { ok: true; data: unknown } | { ok: false; result: Exclude<SendResult, { kind: 'delivered' }> };

async function call(settings: PipedriveSettings, method: string, path: string, body: unknown, signal: AbortSignal): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${settings.baseUrl.replace(/\/+$/, '')}/v1${path}`, {
      method,
      headers: { 'x-api-token': settings.apiToken, 'Content-Type': 'application/json', Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return { ok: false, result: classifyFetchError(error) };
  }
  if (!response.ok) return { ok: false, result: classifyFailure(response, await errorDetail(response)) };
  const json = (await response.json().catch(() => null)) as { data?: unknown } | null;
  return { ok: true, data: json?.data };
}

const searchSchema = z.looseObject({ items: z._default(z.array(z.looseObject({ item: z.looseObject({ id: z.number() }) })), []) });
const idSchema = z.looseObject({ id: z.union([z.number(), z.string()]) });
const personLeadsSchema = z._default(z.array(z.looseObject({ id: z.string(), origin_id: z.optional(z.nullable(z.string())) })), []);

/** The Pipedrive lead an earlier attempt created for this lead, if its answer was lost. */
async function leadCreatedBefore(lead: Lead, personId: number, settings: PipedriveSettings, signal: AbortSignal): Promise<string | undefined | Answer> {
  const found = await call(settings, 'GET', `/leads?person_id=${personId}&limit=500`, undefined, signal);
  if (!found.ok) return found;
  return personLeadsSchema.safeParse(found.data).data?.find((candidate) => candidate.origin_id === lead.id)?.id;
}

/** One lead: person found or created, then the Pipedrive lead created or updated. */
async function sendOne(lead: Lead, settings: PipedriveSettings, signal: AbortSignal): Promise<LeadResult | Answer> {
  let personId: number | undefined;
  if (lead.email) {
    const found = await call(settings, 'GET', `/persons/search?term=${encodeURIComponent(lead.email)}&fields=email&exact_match=true&limit=1`, undefined, signal);
    if (!found.ok) return found;
    personId = searchSchema.safeParse(found.data).data?.items[0]?.item.id;
  }
  const person = personId
    ? await call(settings, 'PUT', `/persons/${personId}`, pipedrivePersonFromLead(lead), signal)
    : await call(settings, 'POST', '/persons', pipedrivePersonFromLead(lead), signal);
  if (!person.ok) return person;
  personId ??= Number(idSchema.safeParse(person.data).data?.id);
  const label = settings.labelIds[lead.qualification.level];
  const body = { title: pipedriveLeadTitle(lead), person_id: personId, origin_id: lead.id, ...(label ? { label_ids: [label] } : {}) };
  // Sent before without a known outcome: the lead may be in Pipedrive already.
  const earlier = !lead.sync.crmId && lead.sync.attempts > 0 ? await leadCreatedBefore(lead, personId, settings, signal) : undefined;
  if (typeof earlier === 'object') return earlier;
  const known = lead.sync.crmId ?? earlier;
  const saved = known
    ? await call(settings, 'PATCH', `/leads/${encodeURIComponent(known)}`, body, signal)
    : await call(settings, 'POST', '/leads', body, signal);
  if (!saved.ok) return saved;
  const id = idSchema.safeParse(saved.data).data?.id;
  return { id: lead.id, ok: true, ...(id !== undefined ? { crmId: String(id) } : {}) };
}

export const pipedriveConnector: CrmConnector<PipedriveSettings> = {
  batchSize: 10,

  async send(leads, settings, signal) {
    const results: LeadResult[] = [];
    for (const lead of leads) {
      const outcome = await sendOne(lead, settings, signal);
      if ('id' in outcome) {
        results.push(outcome);
        continue;
      }
      if (outcome.ok) continue;
      // Pipedrive refused this lead: it needs the rep; the others go on.
      if (outcome.result.kind === 'refused') {
        results.push({ id: lead.id, ok: false, message: outcome.result.error });
        continue;
      }
      // Unreachable, busy or unauthorized: what was done stands, the rest goes again (the engine
      // retries leads the answer does not mention).
      return results.length ? { kind: 'delivered', results } : outcome.result;
    }
    return { kind: 'delivered', results };
  },

  async testConnection(settings, signal): Promise<ConnectionCheck> {
    const me = await call(settings, 'GET', '/users/me', undefined, signal);
    if (me.ok) return { ok: true, message: 'Connected to Pipedrive' };
    return { ok: false, message: me.result.error };
  },
};
