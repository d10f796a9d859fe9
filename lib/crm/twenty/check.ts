import type { ConnectionCheck } from '../connector';
import { classifyFailure, classifyFetchError, errorDetail } from '../http';
import { customFieldsProblem, peopleFields } from './fields';
import { twentyHeaders as headers, twentyUrl as url } from './http';
import type { TwentySettings } from './settings';

/** "Test connection" on the options page: a harmless authenticated call, and what it tells the rep. */
export async function testTwentyConnection(settings: TwentySettings, signal: AbortSignal): Promise<ConnectionCheck> {
  let response: Response;
  try {
    response = await fetch(url(settings, '/rest/people?limit=1'), { headers: headers(settings), credentials: 'omit', signal });
  } catch (error) {
    return { ok: false, message: classifyFetchError(error).error };
  }
  if (!response.ok) return { ok: false, message: classifyFailure(response, await errorDetail(response), 'the API key').error };
  const connected = 'Connected to Twenty: the API key can read people';
  const named = [settings.sourceField, settings.qualificationField, settings.notesField].filter((name) => name !== undefined);
  if (named.length === 0) return { ok: true, message: connected };
  const fields = await peopleFields(url(settings, ''), headers(settings), signal);
  if (!fields) return { ok: true, message: `${connected} (this server does not describe its fields, so their names were not checked)` };
  const problem = customFieldsProblem(settings, fields);
  if (problem) return { ok: false, message: problem };
  return { ok: true, message: `${connected}, and People have the field${named.length > 1 ? 's' : ''} ${named.map((name) => `"${name}"`).join(', ').replace(/, ([^,]*)$/, ' and $1')}` };
}
