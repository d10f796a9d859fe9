import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './support/extension';
import { expectText, leadInList } from './support/panel';
import { fixtureHtml, serveSites } from './support/sites';

const LUCJA = 'https://www.linkedin.com/in/lucja-wisniewska-4b2a91/';
const KENJI = 'https://www.linkedin.com/in/kenji-watanabe-robotics/';
const ACME = 'https://www.acme-robotik.example.de/kontakt';
const HOSTILE = 'https://www.hostile-corp.example.com/team';
const LISTING = 'https://www.tradesfinder.example.co.uk/plumbers/bristol/avon-heating-services';
const RDFA_PERSON = 'https://www.granite-analytics.example.com/team/marcus-lee';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
  await serveSites(session.context, {
    [LUCJA]: 'linkedin-profile-classic.html',
    [KENJI]: 'linkedin-profile-hashed.html',
    [ACME]: 'site-jsonld-organization-de.html',
    [HOSTILE]: 'hostile-page.html',
    [LISTING]: 'site-jsonld-directory-listing-en.html',
    [RDFA_PERSON]: 'site-rdfa-person-worksfor-en.html',
  });
});
afterEach(() => session.close());

async function openSite(url: string): Promise<Page> {
  const tab = await session.context.newPage();
  await tab.goto(url);
  return tab;
}

async function captureInto(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Capture from page' }).click();
  await expectText(panel.locator('.capture__read'), /Filled \d+ fields? from the page|Nothing to capture|Fieldclip/);
}

/** The site open in a tab, the panel open beside it, and *Capture from page* pressed there. */
async function captureFromSite(url: string): Promise<Page> {
  const site = await openSite(url);
  const panel = await session.open('sidepanel.html');
  await site.bringToFront();
  await captureInto(panel);
  return panel;
}

const value = (panel: Page, label: string) => panel.getByLabel(label, { exact: true }).inputValue();

describe('capturing from the page in front of the rep', () => {
  it('fills the form from a LinkedIn profile, marks what came from the page, and saves it', async () => {
    const panel = await captureFromSite(LUCJA);

    expect(await value(panel, 'Full name')).toBe('Łucja Wiśniewska');
    expect(await value(panel, 'Job title')).toBe('Head of Procurement');
    expect(await value(panel, 'Company')).toBe('Nordwind Logistics Sp. z o.o.');
    expect(await value(panel, 'Location')).toBe('Warsaw, Mazowieckie, Poland');
    expect(await value(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/lucja-wisniewska-4b2a91');
    expect(await panel.locator('.field--from-page').count()).toBe(5);
    expect(await panel.getByText('Filled from the page: check it').count()).toBe(5);

    // The rep corrects a field: it is theirs now, no longer marked.
    await panel.getByLabel('Job title', { exact: true }).fill('Head of Procurement, CEE');
    expect(await panel.locator('.field--from-page').count()).toBe(4);

    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Łucja Wiśniewska'), 'Pending');
    const [stored] = await session.worker.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const open = indexedDB.open('fieldclip');
          open.onsuccess = () => {
            const request = open.result.transaction('leads').objectStore('leads').getAll();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    expect(stored).toMatchObject({
      fullName: 'Łucja Wiśniewska',
      title: 'Head of Procurement, CEE',
      linkedinUrl: 'https://www.linkedin.com/in/lucja-wisniewska-4b2a91',
      capture: { pageUrl: LUCJA, pageTitle: '(3) Łucja Wiśniewska | LinkedIn', extractor: 'linkedin-profile' },
    });
  });

  it('captures the profile now shown after the rep moves to another profile in the same tab', async () => {
    const tab = await openSite(LUCJA);
    const panel = await session.open('sidepanel.html');
    await tab.bringToFront();
    await captureInto(panel);
    expect(await value(panel, 'Full name')).toBe('Łucja Wiśniewska');

    await tab.goto(KENJI);
    await tab.bringToFront();
    await panel.getByRole('button', { name: 'Capture from page' }).click();
    await expect.poll(() => value(panel, 'Full name')).toBe('渡辺 健二 (Kenji Watanabe)');
    expect(await value(panel, 'Company')).toBe('Sakura Robotics K.K.');
    expect(await value(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/kenji-watanabe-robotics');
    // Nothing of the first profile stays behind.
    expect(await value(panel, 'Location')).toBe('Osaka, Osaka, Japan');
  });

  it('captures the new profile after a single-page-app navigation (history.pushState, DOM swapped in place)', async () => {
    const tab = await openSite(LUCJA);
    const panel = await session.open('sidepanel.html');
    const next = fixtureHtml('linkedin-profile-hashed.html');
    await tab.evaluate((html) => {
      const incoming = new DOMParser().parseFromString(html, 'text/html');
      document.querySelector('main')!.replaceWith(incoming.querySelector('main')!);
      history.pushState({}, '', '/in/kenji-watanabe-robotics/');
    }, next);
    await tab.bringToFront();
    await captureInto(panel);
    expect(await value(panel, 'Full name')).toBe('渡辺 健二 (Kenji Watanabe)');
    expect(await value(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/kenji-watanabe-robotics');
  });

  it('reads a LinkedIn profile where it is, however long: its Experience after 9 MB of activity', async () => {
    // A copy of the page's markup is cut at 8 million characters (MAX_PAGE_CHARS); a LinkedIn page
    // is read in the page itself, whole, and only what its readers found comes back.
    // Its headline names no role, so the job title can only come from the Experience section.
    const classic = fixtureHtml('linkedin-profile-classic.html').replace('Head of Procurement at Nordwind Logistics | ', '');
    const experience = classic.lastIndexOf('<section', classic.indexOf('Experience</span>'));
    const item = (i: number) => `<li class="artdeco-list__item"><span aria-hidden="true">Post ${i}: shipping update from the Gdańsk hub, with photos of the new cross-dock</span><span class="visually-hidden">Post ${i}</span><div class="t-14">${i} reactions</div></li>`;
    const activity = `<section class="artdeco-card"><h2><span aria-hidden="true">Activity</span></h2><ul>${Array.from({ length: 40_000 }, (_, i) => item(i)).join('')}</ul></section>`;
    const long = `${classic.slice(0, experience)}${activity}${classic.slice(experience)}`;
    expect(long.length).toBeGreaterThan(9_000_000);
    await session.context.route(LUCJA, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: long }));

    const panel = await captureFromSite(LUCJA);
    expect(await value(panel, 'Full name')).toBe('Łucja Wiśniewska');
    expect(await value(panel, 'Job title')).toBe('Head of Procurement');
    expect(await value(panel, 'Company')).toBe('Nordwind Logistics Sp. z o.o.');
  });

  it('fills the form from a company website once the rep has clicked the toolbar icon there', async () => {
    const site = await openSite(ACME);
    await session.clickToolbarIcon(site);
    const panel = await session.open('sidepanel.html');
    await site.bringToFront();
    await captureInto(panel);
    expect(await panel.locator('.capture__read').innerText()).toBe('Filled 5 fields from the page. Check them, then save.');
    expect(await value(panel, 'Company')).toBe('ACME Robotik GmbH');
    expect(await value(panel, 'Email')).toBe('vertrieb@acme-robotik.example.de');
    expect(await value(panel, 'Phone')).toBe('+493012345670');
    expect(await value(panel, 'Website')).toBe('https://www.acme-robotik.example.de');
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'ACME Robotik GmbH'), 'Pending');
  });

  it('takes the business a directory lists, not the directory, and a person from RDFa with their company', async () => {
    const listing = await openSite(LISTING);
    await session.clickToolbarIcon(listing);
    const panel = await session.open('sidepanel.html');
    await listing.bringToFront();
    await captureInto(panel);
    expect(await value(panel, 'Company')).toBe('Avon Heating Services');
    expect(await value(panel, 'Phone')).toBe('+441174960123');
    // The directory's own address and email are not the plumber's.
    expect(await value(panel, 'Website')).toBe('');
    expect(await value(panel, 'Email')).toBe('');

    const person = await openSite(RDFA_PERSON);
    await session.clickToolbarIcon(person);
    await person.bringToFront();
    await captureInto(panel);
    expect(await value(panel, 'Full name')).toBe('Marcus Lee');
    expect(await value(panel, 'Job title')).toBe('VP Sales');
    expect(await value(panel, 'Company')).toBe('Granite Analytics, Inc.');
    expect(await value(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/marcus-lee-granite');
  });

  it('says how to let it read a company website it was not called on, and reads it once called there', async () => {
    const site = await openSite(ACME);
    const panel = await session.open('sidepanel.html');
    await site.bringToFront();
    await panel.getByRole('button', { name: 'Capture from page' }).click();
    await expectText(
      panel.locator('.capture__read'),
      'Fieldclip may read this page only once you call it there: on the page, press Alt+Shift+F, or right-click it and choose “Capture this page as lead”. Browser pages and the extension store cannot be read.',
    );
    expect(await value(panel, 'Company')).toBe('');
    // Right under the button the rep just pressed, not down by "Save lead".
    const button = (await panel.getByRole('button', { name: 'Capture from page' }).boundingBox())!;
    const note = (await panel.locator('.capture__read').boundingBox())!;
    expect(note.y - (button.y + button.height)).toBeLessThan(40);

    await session.clickToolbarIcon(site);
    await site.bringToFront();
    await captureInto(panel);
    expect(await value(panel, 'Company')).toBe('ACME Robotik GmbH');
  });

  it('shows text from a hostile page as text, never as HTML', async () => {
    const site = await openSite(HOSTILE);
    await session.clickToolbarIcon(site);
    const panel = await session.open('sidepanel.html');
    await site.bringToFront();
    await captureInto(panel);
    expect(await panel.locator('form img, form script, form b').count()).toBe(0);
    expect(await value(panel, 'Company')).toBe('');
    expect(await value(panel, 'Location')).toBe('1 Infinite Loop, Cupertino');
  });

  it('offers to open and update the lead already in the outbox instead of saving a second one', async () => {
    const panel = await captureFromSite(LUCJA);
    await panel.getByRole('button', { name: 'Save lead' }).click();
    await expectText(leadInList(panel, 'Łucja Wiśniewska'), 'Pending');

    await captureInto(panel);
    await expectText(panel.locator('.duplicate'), 'Already in your outbox: Łucja Wiśniewska, Nordwind Logistics Sp. z o.o. (Pending)');
    await panel.getByLabel('Email', { exact: true }).fill('lucja@nordwind.example');
    await panel.getByRole('button', { name: 'Open and update it' }).click();
    await expectText(panel.locator('.editing'), 'Updating Łucja Wiśniewska');
    expect(await value(panel, 'Email')).toBe('lucja@nordwind.example');
    await panel.getByRole('button', { name: 'Update lead' }).click();
    await expectText(panel.locator('.capture__message'), 'Updated Łucja Wiśniewska');
    expect(await leadInList(panel, 'Łucja Wiśniewska').count()).toBe(1);
  });

  it('fills the form from a pasted email signature', async () => {
    const panel = await session.open('sidepanel.html');
    await panel.getByText('Paste a signature or business card').click();
    await panel.getByLabel('Signature or card text').fill('Jane Doe\nVP Sales | Acme Robotics Inc.\n+1 (415) 555-0134\njane.doe@acme-robotics.example');
    await panel.getByRole('button', { name: 'Fill from text' }).click();
    await expectText(panel.locator('.capture__read'), 'Filled');
    expect(await value(panel, 'Full name')).toBe('Jane Doe');
    expect(await value(panel, 'Job title')).toBe('VP Sales');
    expect(await value(panel, 'Company')).toBe('Acme Robotics Inc.');
    expect(await value(panel, 'Phone')).toBe('+14155550134');
  });

  it('applies a capture handed over by the service worker (what the context menu and shortcut do)', async () => {
    const panel = await session.open('sidepanel.html');
    await session.worker.evaluate(() =>
      chrome.storage.session.set({
        pendingCapture: { kind: 'text', text: 'Marie Curie\nHead of Research\nRadium Institute SA\nmarie@radium.example', at: Date.now() },
      }),
    );
    await expectText(panel.locator('.capture__read'), 'Filled');
    expect(await value(panel, 'Full name')).toBe('Marie Curie');
    expect(await value(panel, 'Email')).toBe('marie@radium.example');
  });

  it('reads the tab a capture handed over by the service worker names, not the one in front', async () => {
    // The shortcut or the menu was used on the profile; the rep has since moved to another tab.
    await openSite(LUCJA);
    await openSite(ACME);
    const panel = await session.open('sidepanel.html');
    const tabId = await session.worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]!.id!, LUCJA);
    await session.worker.evaluate((tabId) => chrome.storage.session.set({ pendingCapture: { kind: 'page', tabId, at: Date.now() } }), tabId);
    await expectText(panel.locator('.capture__read'), 'Filled 5 fields from the page');
    expect(await value(panel, 'Full name')).toBe('Łucja Wiśniewska');
    expect(await value(panel, 'LinkedIn URL')).toBe('https://www.linkedin.com/in/lucja-wisniewska-4b2a91');
  });
});
