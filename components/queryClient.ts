import { QueryClient } from '@tanstack/react-query';

/**
 * The TanStack Query client of an extension page. `networkMode: 'always'`: by default TanStack
 * pauses every query and mutation while the browser is offline, so a lead saved with no network
 * (a trade-show hall) waited, unsaved, for the Wi-Fi, and was lost if the panel closed first. The
 * outbox is local and needs no network; a call to the CRM made offline fails with its own message.
 * Mutations are not retried: the rep sees what went wrong and decides.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { networkMode: 'always' }, mutations: { networkMode: 'always', retry: false } },
  });
}
