import * as z from 'zod/mini';
import type { SendResult } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import type { PipedriveSettings } from './settings';

// Every request to Pipedrive's API (the path names the version: /v1/… or /api/v2/…): the API token
// in its header, and what a failed answer means.

/**
 * Pipedrive's answer: its `data`, and the whole body (pagination is beside `data`); or what its
 * failure means for the sync, with the HTTP status (0: no answer).
 */
export type PipedriveAnswer = { ok: true; data: unknown; body: unknown } | { ok: false; status: number; result: Exclude<SendResult, { kind: 'delivered' }> };

export async function pipedriveCall(settings: PipedriveSettings, method: string, path: string, body: unknown, signal: AbortSignal): Promise<PipedriveAnswer> {
  let response: Response;
  try {
    response = await fetch(`${settings.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { 'x-api-token': settings.apiToken, 'Content-Type': 'application/json', Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      signal,
    });
  } catch (error) {
    return { ok: false, status: 0, result: classifyFetchError(error) };
  }
  if (!response.ok) return { ok: false, status: response.status, result: classifyFailure(response, await errorDetail(response)) };
  const json = (await response.json().catch(() => null)) as { data?: unknown } | null;
  return { ok: true, data: json?.data, body: json };
}

/** Pipedrive's list pagination, beside `data` in a list's answer. */
export const paginationSchema = z.optional(
  z.looseObject({ pagination: z.optional(z.looseObject({ more_items_in_collection: z.optional(z.boolean()), next_start: z.optional(z.number()) })) }),
);

/** API v2's cursor paging, beside `data` in a list's answer: no next cursor, no next page. */
export const cursorSchema = z.optional(z.looseObject({ next_cursor: z.optional(z.nullable(z.string())) }));
