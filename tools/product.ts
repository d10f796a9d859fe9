import { startReceiver, type Receiver } from './receiver/server';
import { launchExtension, type ExtensionSession } from '../tests/e2e/support/extension';

export type Product = { receiver: Receiver; session: ExtensionSession; pointedAtReceiver: boolean };

/**
 * What `npm start` runs, and a browser test checks: the reference receiver, and Chromium with
 * the built extension loaded and pointed at it (unless the profile already has CRM settings).
 */
export async function startProduct(options: { port: number; dataDir: string; profileDir?: string; headless: boolean }): Promise<Product> {
  const receiver = await startReceiver({ port: options.port, dataDir: options.dataDir });
  let session: ExtensionSession;
  try {
    session = await launchExtension({ userDataDir: options.profileDir, headless: options.headless });
  } catch (error) {
    await receiver.close();
    throw error;
  }
  const pointedAtReceiver = await session.worker.evaluate(
    async ({ endpointUrl, lookupUrl, outcomesUrl }) => {
      const { crmSettings } = await chrome.storage.local.get('crmSettings');
      if (crmSettings) return false;
      await chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl, lookupUrl, outcomesUrl } });
      return true;
    },
    { endpointUrl: receiver.webhookUrl, lookupUrl: receiver.lookupUrl, outcomesUrl: receiver.outcomesUrl },
  );

  await session.open('options.html');
  const receiverPage = await session.context.newPage();
  await receiverPage.goto(receiver.url);
  const panel = await session.open('sidepanel.html');
  await panel.bringToFront();
  return { receiver, session, pointedAtReceiver };
}
