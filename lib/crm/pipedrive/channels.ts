import * as z from 'zod/mini';
import type { Lead } from '../../lead/schema';
import { paginationSchema, pipedriveCall, type PipedriveAnswer } from './http';
import type { PipedriveSettings } from './settings';

// Pipedrive's marketing channels: the "Source channel" of deals and leads, an option field of deals
// (`channel`) whose options a lead's `channel` takes by id. The settings name a channel per source
// kind as Pipedrive shows it; the ids are read from GET /v1/dealFields and kept for the worker's life.

/** Each channel's id and name as Pipedrive shows it, by its name lowercased. */
export type Channels = Map<string, { id: number; label: string }>;

const dealFieldsSchema = z.looseObject({
  data: z._default(
    z.nullable(
      z.array(
        z.looseObject({
          key: z.string(),
          options: z.optional(z.nullable(z.array(z.looseObject({ id: z.union([z.number(), z.string()]), label: z.string() })))),
        }),
      ),
    ),
    [],
  ),
  additional_data: paginationSchema,
});

const known = new Map<string, { channels: Channels; readAt: number }>();
/** A name the settings give that Pipedrive lacked is looked for again after this long, not on every batch. */
const MISSING_REREAD_MS = 10 * 60_000;
const fold = (name: string) => name.trim().toLowerCase();

/** The names the settings give, for the sources that have one. */
function namesWanted(settings: PipedriveSettings): string[] {
  return Object.values(settings.channelNames).filter((name) => name.trim() !== '');
}

/**
 * The company's marketing channels; read again when asked to, or when a name the settings give is
 * missing and the last read is some minutes old (the channel may have been added since).
 */
export async function marketingChannels(settings: PipedriveSettings, signal: AbortSignal, { fresh = false } = {}): Promise<Channels | Extract<PipedriveAnswer, { ok: false }>> {
  const now = Date.now();
  const cacheKey = `${settings.baseUrl}|${settings.apiToken}`;
  const cached = known.get(cacheKey);
  const complete = cached && namesWanted(settings).every((name) => cached.channels.has(fold(name)));
  if (cached && !fresh && (complete || now - cached.readAt < MISSING_REREAD_MS)) return cached.channels;
  const channels: Channels = new Map();
  for (let start = 0, pages = 0; pages < 20; pages += 1) {
    const answer = await pipedriveCall(settings, 'GET', `/v1/dealFields?start=${start}&limit=500`, undefined, signal);
    if (!answer.ok) return answer;
    const page = dealFieldsSchema.safeParse(answer.body);
    const channel = page.data?.data?.find((field) => field.key === 'channel');
    for (const option of channel?.options ?? []) channels.set(fold(option.label), { id: Number(option.id), label: option.label });
    const pagination = page.data?.additional_data?.pagination;
    if (channel || !pagination?.more_items_in_collection || pagination.next_start === undefined) break;
    start = pagination.next_start;
  }
  known.set(cacheKey, { channels, readAt: now });
  return channels;
}

/** The channel id this lead's source gets, if the settings name one Pipedrive has. */
export function channelOf(lead: Lead, settings: PipedriveSettings, channels: Channels): number | undefined {
  const name = settings.channelNames[lead.source.kind];
  return name ? channels.get(fold(name))?.id : undefined;
}

/** Whether the settings name any channel at all (no request is made otherwise). */
export function wantsChannels(settings: PipedriveSettings): boolean {
  return namesWanted(settings).length > 0;
}

/** Names in the settings that Pipedrive has no channel for, and what it has, for Test connection. */
export function missingChannelsProblem(settings: PipedriveSettings, channels: Channels): string | null {
  const missing = namesWanted(settings).filter((name) => !channels.has(fold(name)));
  if (missing.length === 0) return null;
  const offered = channels.size ? ` (it has ${[...channels.values()].map((channel) => `"${channel.label}"`).join(', ')})` : '';
  return `Connected, but Pipedrive has no marketing channel named ${missing.map((name) => `"${name}"`).join(', ')}${offered}: use a name from its Source channel list, or leave it blank`;
}
