// Whether the browser has a network, and waiting until it has one again.
//
// Chrome fires no `online` event in service workers (crbug.com/40155587), although
// `navigator.onLine` there follows the network. So a worker that finds itself offline polls
// `navigator.onLine`; where the event does fire (Firefox's background page) it ends the wait sooner.

/** False only when the browser knows it has no network; true where it cannot tell. */
export function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export type BackOnlineOptions = {
  /** How often `navigator.onLine` is read while offline. */
  pollMs?: number;
  isOnline?: () => boolean;
  /** Where `online` events arrive, if anywhere. */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
};

/** Resolves as soon as the browser is online again (at once if it is). */
export function backOnline({ pollMs = 1_000, isOnline: online = isOnline, events = globalThis }: BackOnlineOptions = {}): Promise<void> {
  if (online()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!online()) return;
      clearInterval(poll);
      events.removeEventListener?.('online', check);
      resolve();
    };
    const poll = setInterval(check, pollMs);
    events.addEventListener?.('online', check);
  });
}
