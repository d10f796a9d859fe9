import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../tools/receiver/server';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchExtension, type ExtensionSession } from './support/extension';
import { badgePhoto, codePng, dataUrl, renderPng, type CodeKind } from './support/images';
import { expectText, leadInList, startEvent } from './support/panel';

// At a show the rep scans a badge's code or photographs a business card; the form fills, marked
// "from badge" or "from card", and nothing is saved until the rep saves. Codes are drawn by
// bwip-js from the text a badge carries, badges and cards are laid out in HTML and photographed by
// Chromium; the camera is Chromium's fake camera playing a video of a badge. One browser for the flow.

let session: ExtensionSession;
let receiver: Receiver;
let panel: Page;
let workDir: string;

const field = (label: string) => panel.getByLabel(label, { exact: true });
const readNote = () => panel.locator('.capture__read');

async function scanFile(name: string, buffer: Buffer, mimeType = 'image/png') {
  await panel.getByLabel('Badge or card image').setInputFiles({ name, mimeType, buffer });
}

/** A video of `png` for Chromium's fake camera: YUV4MPEG2, 4:2:0, a few identical frames. */
async function cameraVideo(png: Buffer, path: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const [width, height] = [640, 480];
    const luma = await page.evaluate(
      async ({ url, width, height }) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, width, height);
        const scale = Math.min((width - 80) / image.width, (height - 80) / image.height);
        context.drawImage(image, (width - image.width * scale) / 2, (height - image.height * scale) / 2, image.width * scale, image.height * scale);
        const { data } = context.getImageData(0, 0, width, height);
        return Array.from({ length: width * height }, (_, i) => Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!));
      },
      { url: dataUrl(png), width, height },
    );
    const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.from(luma), Buffer.alloc((width * height) / 2, 128)]);
    writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
  } finally {
    await browser.close();
  }
}

const AMELIA_VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hart;Amelia;;Dr.;\r\nFN:Dr. Amelia Hart\r\nORG:Northwind Industrial\r\nTITLE:Head of Procurement\r\nEMAIL;TYPE=INTERNET,WORK:amelia.hart@northwind.example\r\nTEL;TYPE=CELL:+44 7911 123456\r\nEND:VCARD';

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fieldclip-scan-'));
  await cameraVideo(await codePng('qrcode', 'MECARD:N:Okafor,Bo;ORG:Globex;EMAIL:bo@globex.example;;', 6), join(workDir, 'camera.y4m'));
  receiver = await startReceiver();
  session = await launchExtension({
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${join(workDir, 'camera.y4m')}`],
  });
  await session.worker.evaluate((endpointUrl) => chrome.storage.local.set({ crmSettings: { crm: 'webhook', endpointUrl } }), receiver.webhookUrl);
  panel = await session.open('sidepanel.html');
}, 60_000);
afterAll(async () => {
  await session?.close();
  await receiver?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('scanning a badge', () => {
  it('reads a small, turned QR code on a photo of the whole badge, marks the fields "from badge", and saves only when the rep saves', async () => {
    await startEvent(panel, 'Expo North');
    await field('Notes').fill('Met at the Northwind stand');
    await scanFile('badge.png', await badgePhoto(session.context, await codePng('qrcode', AMELIA_VCARD, 3), 17, 'Amelia'));
    await expectText(readNote(), 'Filled 5 fields from the badge. Check them, then save.', 30_000);
    expect(await field('Full name').inputValue()).toBe('Amelia Hart');
    expect(await field('Job title').inputValue()).toBe('Head of Procurement');
    expect(await field('Company').inputValue()).toBe('Northwind Industrial');
    expect(await field('Email').inputValue()).toBe('amelia.hart@northwind.example');
    expect(await field('Phone').inputValue()).toBe('+447911123456');
    expect(await field('Notes').inputValue()).toBe('Met at the Northwind stand');
    expect(await panel.locator('.field--from-page .field__tag').allInnerTexts()).toEqual(Array(5).fill('from badge'));
    await expectText(panel.locator('.sync-bar__count'), 'Nothing waiting to sync');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Amelia Hart'), 'Pending');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(leadInList(panel, 'Amelia Hart'), 'Synced');
    const sent = receiver.received().find((entry) => entry.lead.email === 'amelia.hart@northwind.example');
    expect(sent?.lead).toMatchObject({ fullName: 'Amelia Hart', notes: 'Met at the Northwind stand', source: { kind: 'event', eventName: 'Expo North' } });
    expect((sent?.lead as { capture?: { extractor?: string } } | undefined)?.capture?.extractor).toBe('badge qr_code:vcard');
  });

  it.each<[CodeKind, string, Record<string, string>]>([
    ['pdf417', 'MECARD:N:Sato,Kenji;ORG:Initech;TITLE:CTO;EMAIL:kenji@initech.example;;', { 'Full name': 'Kenji Sato', Company: 'Initech', 'Job title': 'CTO', Email: 'kenji@initech.example' }],
    ['azteccode', 'BIZCARD:N:Sean;X:Owen;T:Buyer;C:Hooli;E:sean@hooli.example;;', { 'Full name': 'Sean Owen', Company: 'Hooli', 'Job title': 'Buyer', Email: 'sean@hooli.example' }],
    ['datamatrix', 'https://www.linkedin.com/in/kim-lee-sales?trk=badge', { 'LinkedIn URL': 'https://www.linkedin.com/in/kim-lee-sales' }],
    ['code128', 'EXPO26-004711', { 'Badge ID': 'EXPO26-004711' }],
  ])('reads a %s code', async (kind, text, expected) => {
    await panel.reload();
    await scanFile(`${kind}.png`, await codePng(kind, text));
    await expectText(readNote(), `from the badge`, 30_000);
    for (const [label, value] of Object.entries(expected)) expect(await field(label).inputValue(), label).toBe(value);
  });

  it('reads a picture pasted into the panel and one dropped on it', async () => {
    await panel.reload();
    const png = await codePng('qrcode', 'EXPO26-PASTED');
    await panel.evaluate(async (url) => {
      const blob = await (await fetch(url)).blob();
      const data = new DataTransfer();
      data.items.add(new File([blob], 'clip.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, dataUrl(png));
    await expectText(readNote(), 'Filled 1 field from the badge.', 30_000);
    expect(await field('Badge ID').inputValue()).toBe('EXPO26-PASTED');
    const dropped = await codePng('qrcode', 'EXPO26-DROPPED');
    await panel.evaluate(async (url) => {
      const blob = await (await fetch(url)).blob();
      const data = new DataTransfer();
      data.items.add(new File([blob], 'drop.png', { type: 'image/png' }));
      const target = document.querySelector('.scan')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dataUrl(dropped));
    await expect.poll(() => field('Badge ID').inputValue(), { timeout: 30_000 }).toBe('EXPO26-DROPPED');
  });

  it('says what is wrong with a file that is no picture, or a picture with nothing on it, and keeps what was typed', async () => {
    await panel.reload();
    await field('Full name').fill('Typed Person');
    await scanFile('notes.txt', Buffer.from('not a picture'), 'text/plain');
    await expectText(readNote(), 'That file is not a picture (text/plain): choose a photo or a screenshot of the badge or card.');
    await scanFile('broken.png', Buffer.from('\x89PNG broken'));
    await expectText(readNote(), 'That picture could not be opened: use a PNG, JPEG or WebP photo or screenshot.');
    await scanFile('blank.png', await renderPng(session.context, '<div style="width:800px;height:500px;background:#fff"></div>', 800, 500));
    await expectText(readNote(), 'No code and no text found in this picture.', 60_000);
    expect(await field('Full name').inputValue()).toBe('Typed Person');
  });

  it('takes a picture with the camera', async () => {
    await panel.reload();
    await panel.getByRole('button', { name: 'Use camera' }).click();
    await panel.getByRole('button', { name: 'Take picture' }).click({ timeout: 20_000 });
    await expectText(readNote(), 'from the badge', 30_000);
    expect(await field('Full name').inputValue()).toBe('Bo Okafor');
    expect(await field('Email').inputValue()).toBe('bo@globex.example');
  });

  it('asks for the camera on its own page when the panel cannot', async () => {
    const page = await session.open('camera.html');
    await page.getByRole('button', { name: 'Allow the camera' }).click();
    await expectText(page.getByRole('status'), 'The camera is allowed.');
    await page.close();
  });
});

describe('scanning a business card', () => {
  const card = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cards', `${name}.html`), 'utf8');

  it('reads a two-column card with the OCR, marks the fields "from card" and shows the text it read', async () => {
    await panel.reload();
    await scanFile('card.png', await renderPng(session.context, card('two-columns'), 1400, 800));
    await expectText(readNote(), 'Filled 6 fields from the card. Check them, then save.', 90_000);
    expect(await field('Full name').inputValue()).toBe('Amelia Hart');
    expect(await field('Job title').inputValue()).toBe('Head of Procurement');
    expect(await field('Company').inputValue()).toBe('Northwind Industrial Systems Ltd');
    expect(await field('Email').inputValue()).toBe('amelia.hart@northwind.example');
    expect(await field('Phone').inputValue()).toBe('+447911123456');
    expect(await field('Website').inputValue()).toBe('https://northwind.example');
    expect(await panel.locator('.field--from-page .field__tag').allInnerTexts()).toEqual(Array(6).fill('from card'));
    await panel.getByText('Text read from the card').click();
    await expectText(panel.locator('.scan__text pre'), 'W northwind.example');
  });

  it('reads German letters once German is ticked on the options page', async () => {
    const options = await session.open('options.html');
    await options.getByRole('checkbox', { name: 'German' }).check();
    await expect.poll(() => session.worker.evaluate(async () => (await chrome.storage.local.get('cardLanguages')).cardLanguages)).toEqual(['eng', 'deu']);
    await options.close();
    await panel.reload();
    await scanFile('karte.png', await renderPng(session.context, card('german-footer'), 1400, 800));
    await expectText(readNote(), 'from the card', 90_000);
    // The English and German models both miss the umlauts of the large bold name; its company's print they read.
    expect(await field('Full name').inputValue()).toMatch(/^J.?.rg M.?.ller$/);
    expect(await field('Company').inputValue()).toBe('Müller Maschinenbau GmbH');
    expect(await field('Job title').inputValue()).toBe('Leiter Einkauf');
    expect(await field('Location').inputValue()).toBe('München, Deutschland');
    expect(await field('Website').inputValue()).toBe('https://www.mueller-mb.example');
    expect(await field('Email').inputValue()).toBe('j.mueller@mueller-mb.example');
    expect(await field('Phone').inputValue()).toMatch(/^\+49/);
  });
});

describe('qualifying questions and rapid mode at an event', () => {
  it('sets up questions and rapid mode, asks them after the source, clears for the next visitor and counts the event’s leads', async () => {
    await panel.reload();
    // The badge tests' event ends first (when they ran).
    await panel.getByRole('button', { name: /^(End event|Start an event…)$/ }).waitFor();
    if (await panel.getByRole('button', { name: 'End event' }).isVisible()) await panel.getByRole('button', { name: 'End event' }).click();
    await panel.getByRole('button', { name: 'Start an event…' }).click();
    const setup = panel.getByRole('form', { name: 'Start an event' });
    await setup.getByLabel('Event name').fill('Hall 7 Meetup');
    await setup.getByRole('button', { name: 'Add a question' }).click();
    await setup.getByLabel('Question 1', { exact: true }).fill('Budget this year?');
    await setup.getByLabel('Answer for question 1').selectOption({ label: 'One choice' });
    await setup.getByLabel('Choices for question 1, one per line').fill('Only one');
    await setup.getByRole('button', { name: 'Add a question' }).click();
    await setup.getByLabel('Question 2', { exact: true }).fill('How warm?');
    await setup.getByLabel('Answer for question 2').selectOption({ label: 'Rating 1–5' });
    await setup.getByLabel(/^Rapid mode/).check();
    await setup.getByRole('button', { name: 'Start event' }).click();
    // A choice needs two: said at its field, nothing typed lost.
    await expectText(setup.locator('.field--invalid'), 'Give at least two choices, one per line');
    await setup.getByLabel('Choices for question 1, one per line').fill('Yes\nNo\nNot sure');
    await setup.getByRole('button', { name: 'Start event' }).click();
    const banner = panel.getByRole('region', { name: 'Event mode' });
    await expectText(banner, 'Hall 7 Meetup');
    await expectText(banner, '0 leads so far. 2 qualifying questions. Rapid mode.');

    await scanFile('badge.png', await codePng('qrcode', 'MECARD:N:Berg,Bo;ORG:Initech;EMAIL:bo@initech.example;;'));
    await expectText(readNote(), 'from the badge', 30_000);
    const questions = panel.getByRole('region', { name: 'Qualifying questions' });
    await questions.getByRole('group', { name: 'Budget this year?' }).getByLabel('Yes').check();
    await questions.getByRole('group', { name: 'How warm?' }).getByLabel('4').check();
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(banner, '1 lead so far');
    // Rapid mode: the form is empty for the next visitor, the event and its questions stay, the scanner has the focus.
    expect(await field('Full name').inputValue()).toBe('');
    await expect.poll(() => panel.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('type'))).toBe('file');
    await expectText(panel.locator('.source--summary'), 'Hall 7 Meetup');
    expect(await questions.getByRole('group', { name: 'Budget this year?' }).getByLabel('Yes').isChecked()).toBe(false);

    const row = leadInList(panel, 'Bo Berg');
    await expectText(row, 'Budget this year?: Yes');
    await expectText(row, 'How warm?: 4');
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expectText(row, 'Synced');
    const sent = receiver.received().find((entry) => entry.lead.email === 'bo@initech.example');
    expect((sent?.lead as { answers?: unknown } | undefined)?.answers).toEqual([
      { question: 'Budget this year?', answer: 'Yes' },
      { question: 'How warm?', answer: '4' },
    ]);
  });
});
