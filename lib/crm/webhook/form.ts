import { newAddress, secretFor } from '../endpoint';
import type { CrmForm, FormValues } from '../form-values';
import type { WebhookSettings } from './settings';

/** One entry per non-empty line, as `pattern` splits it; a line that is not one is reported, not dropped. */
function entriesFrom<T>(text: string, pattern: RegExp, entry: (a: string, b: string) => T, problem: string): T[] | string {
  const entries: T[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = pattern.exec(line);
    if (!match) return problem;
    entries.push(entry(match[1]!.trim(), match[2]!.trim()));
  }
  return entries;
}

/** "Name: value" lines. */
export function headersFrom(text: string): Array<{ name: string; value: string }> | string {
  return entriesFrom(text, /^([^:]+):(.*)$/, (name, value) => ({ name, value }), 'Write one header per line, like X-Team: emea');
}

/** "endpoint_field = fieldclipField" lines. */
export function fieldMapFrom(text: string): Array<{ to: string; from: string }> | string {
  return entriesFrom(text, /^([^=]+)=(.+)$/, (to, from) => ({ to, from }), 'Write one mapping per line, like first_name = firstName');
}

/**
 * The first Lookup or Outcomes URL on an origin the saved secrets were not saved with: they would
 * newly go there, so they are not kept for it (the endpoint's own origin is checked by secretFor).
 */
export function newWebhookAddress(saved: WebhookSettings, values: Pick<FormValues, 'lookupUrl' | 'outcomesUrl'>): string | undefined {
  return newAddress([saved.endpointUrl, saved.lookupUrl, saved.outcomesUrl], [values.lookupUrl, values.outcomesUrl]);
}

export const webhookForm: CrmForm<WebhookSettings> = {
  input(values, saved) {
    // A secret left blank is kept only for the same addresses: the endpoint's origin, and a Lookup or
    // Outcomes URL on an origin it was saved with. All of them receive the token and the signature.
    const keep = saved != null && newWebhookAddress(saved, values) === undefined;
    const kept = (secret: string | undefined) => (keep ? secretFor(secret, saved?.endpointUrl, values.endpointUrl) : undefined);
    const apiToken = values.apiToken.trim() || (values.removeToken ? undefined : kept(saved?.apiToken));
    const signingSecret = values.signingSecret || (values.removeSecret ? undefined : kept(saved?.signingSecret));
    const extraHeaders = headersFrom(values.extraHeaders);
    if (typeof extraHeaders === 'string') return { errors: { extraHeaders } };
    const fieldMap = fieldMapFrom(values.fieldMap);
    if (typeof fieldMap === 'string') return { errors: { fieldMap } };
    return {
      settings: {
        crm: 'webhook',
        endpointUrl: values.endpointUrl,
        ...(apiToken ? { apiToken } : {}),
        ...(signingSecret ? { signingSecret } : {}),
        ...(extraHeaders.length ? { extraHeaders } : {}),
        ...(fieldMap.length ? { fieldMap } : {}),
        ...(values.lookupUrl.trim() ? { lookupUrl: values.lookupUrl.trim() } : {}),
        ...(values.outcomesUrl.trim() ? { outcomesUrl: values.outcomesUrl.trim() } : {}),
      },
    };
  },
};
