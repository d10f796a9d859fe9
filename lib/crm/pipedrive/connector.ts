import * as z from 'zod/mini';
import { leadNoteText, sourceDetail, sourceLabels } from '../../lead/describe';
import type { Lead } from '../../lead/schema';
import { CLOCK_SLACK_MS, type CrmConnector, type LeadResult } from '../connector';
import type { PipedriveSettings } from './settings';
import { channelOf, marketingChannels, wantsChannels, type Channels } from './channels';
import { cursorSchema, pipedriveCall as call, type PipedriveAnswer as Answer } from './http';
import { personIdOf, pipedriveLookup, pipedrivePersonUrl } from './lookup';
import { pipedriveOutcomes } from './outcomes';

// Pipedrive, with a personal API token: persons through API v2 (/api/v2/persons, which replaced the
// v1 persons endpoints), leads through v1 (/v1/leads, still current). For each lead: find the person,
// update or create them, then create the Pipedrive lead linked to that person (or update it, once we
// know its id).
// The person is found by email; for a lead synced before, through its Pipedrive lead; for a lead
// without an email whose answer was lost, by the person field that keeps the lead id (if the settings
// name one). Pipedrive's search finds a new person only once its index has caught up, so a retry after
// a lost answer first reads the persons added last, which come straight from the database; there,
// without the field, a lead without an email is matched by its full name. Pipedrive has no upsert
// for persons: past those, such a retry creates the person again.
// Every Pipedrive lead carries the Fieldclip lead's id as its origin_id: a retry after a lost answer
// looks among the person's leads for it before creating one.

/** The Pipedrive lead's title says who, where from, and the source's detail. */
export function pipedriveLeadTitle(lead: Lead): string {
  const who = [lead.fullName, lead.company].filter(Boolean).join(', ');
  const detail = sourceDetail(lead.source);
  return `${who} · ${sourceLabels[lead.source.kind]}${detail ? ` (${detail})` : ''}`.slice(0, 250);
}

/**
 * The person's fields (API v2); a new person also gets the lead's id in the custom field named for
 * it, and any person the LinkedIn profile and the lead's notes (source detail, answers, badge id,
 * the rep's notes) in the fields named for those.
 */
export function pipedrivePersonFromLead(lead: Lead, fields: { leadIdField?: string; linkedinField?: string; notesField?: string } = {}) {
  const { leadIdField, linkedinField, notesField } = fields;
  const notes = notesField ? leadNoteText(lead) : undefined;
  const custom = {
    ...(leadIdField ? { [leadIdField]: lead.id } : {}),
    ...(linkedinField && lead.linkedinUrl ? { [linkedinField]: lead.linkedinUrl } : {}),
    ...(notesField && notes ? { [notesField]: notes } : {}),
  };
  return {
    name: lead.fullName ?? lead.company ?? '',
    ...(lead.email ? { emails: [{ value: lead.email, primary: true, label: 'work' }] } : {}),
    ...(lead.phone ? { phones: [{ value: lead.phone, primary: true, label: 'work' }] } : {}),
    ...(Object.keys(custom).length ? { custom_fields: custom } : {}),
  };
}

const searchSchema = z.looseObject({ items: z._default(z.array(z.looseObject({ item: z.looseObject({ id: z.number() }) })), []) });
const idSchema = z.looseObject({ id: z.union([z.number(), z.string()]) });
const personOfLeadSchema = z.looseObject({ person_id: z.optional(z.nullable(z.number())) });
const customFieldsSchema = z.looseObject({ custom_fields: z.optional(z.nullable(z.record(z.string(), z.unknown()))) });
const personLeadsSchema = z._default(z.array(z.looseObject({ id: z.string(), origin_id: z.optional(z.nullable(z.string())) })), []);

/** The Pipedrive lead an earlier attempt created for this lead, if its answer was lost. */
async function leadCreatedBefore(lead: Lead, personId: number, settings: PipedriveSettings, signal: AbortSignal): Promise<string | undefined | Answer> {
  const found = await call(settings, 'GET', `/v1/leads?person_id=${personId}&limit=500`, undefined, signal);
  if (!found.ok) return found;
  return personLeadsSchema.safeParse(found.data).data?.find((candidate) => candidate.origin_id === lead.id)?.id;
}

/**
 * A retry reads the newest persons a page at a time, back to the lead's capture (what an earlier
 * attempt created cannot be older), at most this many pages, before it falls back on the search.
 */
const PERSONS_PAGE = 100;
const MOST_PERSON_PAGES = 5;

const recentPersonsSchema = z.looseObject({
  data: z._default(
    z.nullable(
      z.array(
        z.looseObject({
          id: z.number(),
          name: z.optional(z.nullable(z.string())),
          /** "2026-11-23T09:00:00Z". */
          add_time: z.optional(z.nullable(z.string())),
          emails: z.optional(z.nullable(z.array(z.looseObject({ value: z.optional(z.nullable(z.string())) })))),
          custom_fields: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        }),
      ),
    ),
    [],
  ),
  additional_data: cursorSchema,
});

type RecentPerson = NonNullable<z.infer<typeof recentPersonsSchema>['data']>[number];

/** When Pipedrive added a person (API v2: "2026-11-23T09:00:00Z"), or NaN. */
const addedAt = (addTime: string | null | undefined) => Date.parse(addTime ?? '');

/** A full name of two words or more: a first name alone would find strangers. */
function fullNameToMatch(lead: Lead): string | undefined {
  const name = lead.fullName?.trim();
  return name && /\S\s+\S/.test(name) ? name.toLowerCase() : undefined;
}

/**
 * The person an earlier attempt of this lead created, whose answer was lost: among the persons
 * added since the lead was captured, newest first, the one with the lead's email, or with its id in
 * the lead id field. A lead with neither is matched by its full name.
 */
async function personAddedLately(lead: Lead, settings: PipedriveSettings, signal: AbortSignal): Promise<number | undefined | Answer> {
  const email = lead.email?.toLowerCase();
  const field = settings.personIdField;
  const name = email || field ? undefined : fullNameToMatch(lead);
  if (!email && !field && !name) return undefined;
  const since = lead.createdAt - CLOCK_SLACK_MS;
  const isOurs = (person: RecentPerson) =>
    (field !== undefined && person.custom_fields?.[field] === lead.id) ||
    (email !== undefined && (person.emails ?? []).some((entry) => entry.value?.toLowerCase() === email)) ||
    (name !== undefined && person.name?.trim().toLowerCase() === name && addedAt(person.add_time) >= since);
  const query = `sort_by=add_time&sort_direction=desc&limit=${PERSONS_PAGE}${field ? `&custom_fields=${field}` : ''}`;
  let cursor: string | undefined;
  for (let pages = 0; pages < MOST_PERSON_PAGES; pages += 1) {
    const found = await call(settings, 'GET', `/api/v2/persons?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, signal);
    if (!found.ok) return found;
    const page = recentPersonsSchema.safeParse(found.body).data;
    const persons = page?.data ?? [];
    const match = persons.find(isOurs);
    if (match) return match.id;
    // Newest first: once a page reaches persons added before the lead was captured, no older one is ours.
    const oldest = addedAt(persons.at(-1)?.add_time);
    cursor = page?.additional_data?.next_cursor ?? undefined;
    if (!cursor || !(oldest >= since)) return undefined;
  }
  return undefined;
}

/** The person an earlier attempt created for this lead: the one whose lead id field holds its id. */
async function personCreatedBefore(lead: Lead, field: string, settings: PipedriveSettings, signal: AbortSignal): Promise<number | undefined | Answer> {
  // Pipedrive's search matches parts of words; each candidate is read to compare the field exactly.
  const found = await call(settings, 'GET', `/api/v2/persons/search?term=${encodeURIComponent(lead.id)}&fields=custom_fields&limit=10`, undefined, signal);
  if (!found.ok) return found;
  for (const { item } of searchSchema.safeParse(found.data).data?.items ?? []) {
    const person = await call(settings, 'GET', `/api/v2/persons/${item.id}?custom_fields=${field}`, undefined, signal);
    if (!person.ok) return person;
    if (customFieldsSchema.safeParse(person.data).data?.custom_fields?.[field] === lead.id) return item.id;
  }
  return undefined;
}

/** Sent before, and no Pipedrive id came back: what an earlier attempt created may be there already. */
function sentBeforeWithoutId(lead: Lead): boolean {
  return lead.sync.attempts > 0 && !lead.sync.crmId;
}

/** The Pipedrive person this lead belongs to, if Pipedrive has them already. */
async function existingPerson(lead: Lead, settings: PipedriveSettings, signal: AbortSignal): Promise<number | undefined | Answer> {
  const retried = sentBeforeWithoutId(lead);
  // The person may have been created a moment ago, before Pipedrive's search can see them.
  if (retried) {
    const lately = await personAddedLately(lead, settings, signal);
    if (lately !== undefined) return lately;
  }
  // Matched before it was saved ("already in your CRM"): that person.
  const matched = personIdOf(lead.sync.crmId);
  if (matched !== undefined) return matched;
  // Synced before (and edited or merged since): its Pipedrive lead names the person, whatever the
  // email is now. Found by a new email, it would be another person, or a second one.
  if (lead.sync.crmId) {
    const known = await call(settings, 'GET', `/v1/leads/${encodeURIComponent(lead.sync.crmId)}`, undefined, signal);
    if (!known.ok) return known;
    const person = personOfLeadSchema.safeParse(known.data).data?.person_id;
    if (person) return person;
  }
  if (lead.email) {
    const found = await call(settings, 'GET', `/api/v2/persons/search?term=${encodeURIComponent(lead.email)}&fields=email&exact_match=true&limit=1`, undefined, signal);
    if (!found.ok) return found;
    return searchSchema.safeParse(found.data).data?.items[0]?.item.id;
  }
  // Created longer ago, its answer lost: found through the field that keeps the lead id.
  if (retried && settings.personIdField) return personCreatedBefore(lead, settings.personIdField, settings, signal);
  return undefined;
}

/** One lead: person found or created, then the Pipedrive lead created or updated, with its marketing channel. */
async function sendOne(lead: Lead, settings: PipedriveSettings, channels: Channels, signal: AbortSignal): Promise<LeadResult | Answer> {
  const existing = await existingPerson(lead, settings, signal);
  if (typeof existing === 'object') return existing;
  let personId = existing;
  const person = personId
    ? await call(settings, 'PATCH', `/api/v2/persons/${personId}`, pipedrivePersonFromLead(lead, { linkedinField: settings.linkedinField, notesField: settings.notesField }), signal)
    : await call(settings, 'POST', '/api/v2/persons', pipedrivePersonFromLead(lead, { leadIdField: settings.personIdField, linkedinField: settings.linkedinField, notesField: settings.notesField }), signal);
  if (!person.ok) return person;
  personId ??= Number(idSchema.safeParse(person.data).data?.id);
  const label = settings.labelIds[lead.qualification.level];
  const channel = channelOf(lead, settings, channels);
  // The opportunity's size is the Pipedrive lead's value (which Pipedrive carries onto the deal it becomes).
  const value = lead.opportunity ? { value: { amount: lead.opportunity.amount, currency: lead.opportunity.currency } } : {};
  const body = { title: pipedriveLeadTitle(lead), person_id: personId, ...value, ...(label ? { label_ids: [label] } : {}), ...(channel !== undefined ? { channel } : {}) };
  const earlier = sentBeforeWithoutId(lead) ? await leadCreatedBefore(lead, personId, settings, signal) : undefined;
  if (typeof earlier === 'object') return earlier;
  // A matched person's id is no Pipedrive lead's: the lead is made for them.
  const known = (personIdOf(lead.sync.crmId) === undefined ? lead.sync.crmId : undefined) ?? earlier;
  // origin_id is a field of a new lead only (Pipedrive's update takes none): it stays what the create set.
  const saved = known
    ? await call(settings, 'PATCH', `/v1/leads/${encodeURIComponent(known)}`, body, signal)
    : await call(settings, 'POST', '/v1/leads', { ...body, origin_id: lead.id }, signal);
  if (!saved.ok) return saved;
  const id = idSchema.safeParse(saved.data).data?.id;
  return { id: lead.id, ok: true, ...(id !== undefined ? { crmId: String(id), crmUrl: pipedrivePersonUrl(settings, personId) } : {}) };
}

export const pipedriveConnector: CrmConnector<PipedriveSettings> = {
  batchSize: 10,
  lookup: pipedriveLookup,
  outcomes: pipedriveOutcomes,

  async send(leads, settings, signal) {
    // A channel name Pipedrive does not have is left out (Test connection names it); the source stays in the title.
    const channels = wantsChannels(settings) ? await marketingChannels(settings, signal) : new Map();
    if (!(channels instanceof Map)) return channels.result;
    const results: LeadResult[] = [];
    for (const lead of leads) {
      const outcome = await sendOne(lead, settings, channels, signal);
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
};
