import { startReceiver } from '../tools/receiver/server';
import { launchExtension } from '../tests/e2e/support/extension';
import { serveSites } from '../tests/e2e/support/sites';
import { timedCapture } from './capture';
import { fromRuns, type Figure } from './stats';

// "Already in your CRM?" must never hold capture up: the time from *Capture from page* to the filled
// form with a Lookup URL that takes 1.5 s to answer, against no Lookup URL at all, and when the
// lookup's answer then shows. A LinkedIn profile (the lookup goes by its URL) served at its address.

const PROFILE = 'https://www.linkedin.com/in/lucja-wisniewska-4b2a91/';
const RUNS = 10;
const SLOW_MS = 1_500;

export async function lookupFigures(): Promise<Figure[]> {
  const receiver = await startReceiver({ delayMs: SLOW_MS });
  const session = await launchExtension();
  try {
    receiver.addContact({ fullName: 'Łucja Wiśniewska', linkedinUrl: PROFILE, owner: 'Mia Sales' });
    await serveSites(session.context, { [PROFILE]: 'linkedin-profile-classic.html' });
    const profile = await session.context.newPage();
    await profile.goto(PROFILE);
    const panel = await session.open('sidepanel.html');
    const runs = async (lookupUrl: string | undefined) => {
      await session.worker.evaluate(
        (settings) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', ...settings } }),
        { endpointUrl: receiver.webhookUrl, ...(lookupUrl ? { lookupUrl } : {}) },
      );
      const filled: number[] = [];
      const answered: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // An empty cache each run, and a fresh form: the lookup is really made.
        await session.worker.evaluate(() => new Promise<void>((resolve) => {
          const open = indexedDB.open('fieldclip');
          open.onsuccess = () => {
            const clear = open.result.transaction('crmLookups', 'readwrite').objectStore('crmLookups').clear();
            clear.onsuccess = () => resolve();
          };
        }));
        const times = await timedCapture(panel, profile, lookupUrl !== undefined);
        filled.push(times.filled);
        answered.push(times.answered);
      }
      return { filled: fromRuns(filled), answered: fromRuns(answered) };
    };
    const without = await runs(undefined);
    const withLookup = await runs(receiver.lookupUrl);
    return [
      { name: 'capture from page → filled form, no Lookup URL', ...without.filled, unit: 'ms' },
      { name: `capture from page → filled form, Lookup URL answering in ${SLOW_MS / 1000} s`, ...withLookup.filled, unit: 'ms', target: '≈ no Lookup URL', meets: withLookup.filled.value < without.filled.value + 50 },
      { name: '… and the CRM\'s answer shown', ...withLookup.answered, unit: 'ms', target: `after the fill`, meets: withLookup.answered.value > withLookup.filled.value },
    ];
  } finally {
    await session.close();
    await receiver.close();
  }
}
