import { browser } from 'wxt/browser';
import { crmFor } from '../crm/connectors';
import { loadCrmSettings } from '../crm/stored-settings';
import { outboxDb } from '../outbox/db';
import { isOnline } from '../sync/connectivity';
import { onMessage, type RefreshOutcomesStart } from '../sync/messages';
import { refreshOutcomes } from './refresh';
import { outcomeRefreshItem, type OutcomeRefresh } from './status';

const DAILY_ALARM = 'fieldclip-outcomes';
const DAY_MINUTES = 24 * 60;

let running: { controller: AbortController; done: Promise<OutcomeRefresh> } | null = null;
/** Set while a start reads the settings: a second start meanwhile (the alarm, a second panel) is busy too. */
let starting = false;

/** Starts a refresh unless one runs; the refresh goes on after the answer. */
export async function startOutcomeRefresh(): Promise<RefreshOutcomesStart> {
  if (running || starting) return { status: 'busy' };
  starting = true;
  try {
    return await start();
  } finally {
    starting = false;
  }
}

async function start(): Promise<RefreshOutcomesStart> {
  const settings = await loadCrmSettings();
  if (!settings) return { status: 'not-configured' };
  const crm = crmFor(settings);
  if (!crm.outcomes.available) return { status: 'unavailable' };
  if (!isOnline()) return { status: 'offline' };
  const controller = new AbortController();
  const done = refreshOutcomes(outboxDb(), crm.outcomes, {
    signal: controller.signal,
    onProgress: (progress) => outcomeRefreshItem.setValue(progress),
  })
    .catch(async (error: unknown) => {
      const last = (await outcomeRefreshItem.getValue()) ?? { startedAt: Date.now(), asked: 0, total: 0, placed: 0 };
      const failed: OutcomeRefresh = { ...last, running: false, updatedAt: Date.now(), error: error instanceof Error ? error.message : String(error) };
      await outcomeRefreshItem.setValue(failed);
      return failed;
    })
    .finally(() => (running = null));
  running = { controller, done };
  return { status: 'started' };
}

/**
 * The service worker's side of outcomes: "Refresh outcomes" from the Results tab, and a refresh
 * once a day (an alarm, registered again whenever the worker starts). A refresh the worker died in
 * the middle of is marked as stopped when it starts again.
 */
export function setUpOutcomes(): void {
  onMessage('refreshOutcomes', () => startOutcomeRefresh());
  onMessage('cancelOutcomeRefresh', () => {
    running?.controller.abort();
    return running !== null;
  });
  void browser.alarms.get(DAILY_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(DAILY_ALARM, { periodInMinutes: DAY_MINUTES, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_ALARM) void startOutcomeRefresh();
  });
  void outcomeRefreshItem.getValue().then((last) => {
    if (last?.running && !running) void outcomeRefreshItem.setValue({ ...last, running: false, updatedAt: Date.now(), error: 'Stopped when the browser closed; refresh again' });
  });
}
