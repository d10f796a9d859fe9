import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../../tools/product';
import { expectText, leadInList, typeLead } from './support/panel';

let product: Product | undefined;
let dataDir: string;
afterEach(async () => {
  await product?.session.close();
  await product?.receiver.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('opens the panel pointed at the reference receiver: a referral typed, saved and synced shows on its page', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fieldclip-start-'));
    product = await startProduct({ port: 0, dataDir, headless: true });
    expect(product.pointedAtReceiver).toBe(true);
    const panel = product.session.context.pages().find((page) => page.url().endsWith('/sidepanel.html'))!;

    await panel.getByLabel('Source', { exact: true }).selectOption({ label: 'Referral' });
    await panel.getByLabel('Referred by').fill('Carla Gómez, Acme');
    await typeLead(panel, { 'Full name': 'Dmitri Ivanov', Company: 'Hooli', Email: 'dmitri@hooli.example' });
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Dmitri Ivanov'), 'Synced');

    const receiverPage = product.session.context.pages().find((page) => page.url().startsWith(product!.receiver.url))!;
    await receiverPage.reload();
    const row = receiverPage.getByRole('row').filter({ hasText: 'Dmitri Ivanov' });
    await expectText(row, 'Hooli');
    await expectText(row, 'referral (Carla Gómez, Acme)');
  });
});
