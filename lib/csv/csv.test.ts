import { describe, expect, it } from 'vitest';
import { aLead } from '../../tests/unit/leads';
import { OutboxDb } from '../outbox/db';
import { leadsToCsv } from './export';
import { leadToVcard } from './vcard';
import { csvFileProblem, fillInByBadge, guessMapping, importInSteps, importLeads, leadsFromTable, leadsFromTableInSteps, parseCsv, parseCsvInSteps, STEP_ROWS } from './import';
import { addLead } from '../outbox/outbox';

const scanner = `First Name,Last Name,Email,Company,Job Title,Phone\r
Ana,Booth,ana@expo.example,"Expo, Inc.",CTO,+1 415 555 0100\r
Ben,,not-an-email,Expo Co,Buyer,\r
\r
,,,,,\r
Cleo,Stand,cleo@expo.example,Stand AB,"Head of ""Ops""",`;

describe('CSV import', () => {
  it('guesses the common headers of badge scanners and spreadsheets', () => {
    expect(guessMapping(['First Name', 'Last Name', 'E-mail', 'Organization', 'Job Title', 'Mobile', 'Badge ID'])).toEqual([
      'firstName', 'lastName', 'email', 'company', 'title', 'phone', 'badgeId',
    ]);
  });

  it('imports the good rows tagged with the chosen source and reports the bad ones with their row numbers', async () => {
    const table = parseCsv(scanner);
    const { good, bad } = leadsFromTable(table, guessMapping(table.headers), { kind: 'event', eventName: 'Web Summit' });
    expect(good.map((row) => row.row)).toEqual([2, 6]);
    expect(good[0]?.lead).toMatchObject({ firstName: 'Ana', company: 'Expo, Inc.', source: { kind: 'event', eventName: 'Web Summit' } });
    expect(good[1]?.lead.title).toBe('Head of "Ops"');
    expect(bad).toEqual([{ row: 3, reason: 'email: Enter a valid email address, like jane@acme.com' }]);

    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    expect(await importLeads(db, good, 1_000)).toBe(2);
    const stored = await db.leads.orderBy('createdAt').toArray();
    expect(stored.map((lead) => [lead.fullName, lead.sync.status])).toEqual([
      ['Ana Booth', 'pending'],
      ['Cleo Stand', 'pending'],
    ]);
  });

  it('numbers rows as a spreadsheet does, when a quoted cell spans lines', () => {
    const table = parseCsv('Company,Email,Notes\nAcme,ann@acme.example,"Met at the stand;\ncall after the show"\nBroken Co,broken@,\n');
    const { good, bad } = leadsFromTable(table, guessMapping(table.headers), { kind: 'prospecting' });
    expect(good.map((row) => [row.row, row.lead.notes])).toEqual([[2, 'Met at the stand;\ncall after the show']]);
    // Line 4 of the text, row 3 of the spreadsheet the rep has open.
    expect(bad.map((row) => row.row)).toEqual([3]);
  });

  it('reports a row whose full name splits into a last name too long for the outbox, by its line, and imports the rest', async () => {
    const longLast = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(3);
    const table = parseCsv(`Name,Company\r\nAna Booth,Expo\r\nHubert ${longLast},Expo\r\nBen Stall,Expo\r\n`);
    const { good, bad } = leadsFromTable(table, guessMapping(table.headers), { kind: 'event', eventName: 'Expo' });
    expect(good.map(({ row }) => row)).toEqual([2, 4]);
    expect(bad).toEqual([{ row: 3, reason: 'lastName: Keep this under 100 characters' }]);
    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    expect(await importLeads(db, good)).toBe(2);
    expect((await db.leads.orderBy('createdAt').toArray()).map((lead) => [lead.firstName, lead.lastName])).toEqual([
      ['Ana', 'Booth'],
      ['Ben', 'Stall'],
    ]);
  });

  it('imports nothing when any lead fails to store', async () => {
    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    const table = parseCsv('Company\nGood Co\nOther Co');
    const { good } = leadsFromTable(table, ['company'], { kind: 'prospecting' });
    const broken = [...good, { row: 9, lead: { ...good[0]!.lead, email: 'broken' } }];
    await expect(importLeads(db, broken)).rejects.toThrow();
    expect(await db.leads.count()).toBe(0);
  });
});

describe('opportunity sizes in CSV', () => {
  it('guesses the amount and currency columns, reads amounts as the locale writes them, and reports a bad one by its row', () => {
    const table = parseCsv('Name,Company,Deal size,Currency\nAna Lima,Acme,"25.000,50",eur\nBo Berg,Initech,12000,\nCy Dahl,Globex,lots,EUR\nDi Eng,Umbrella,500,XXX');
    const mapping = guessMapping(table.headers);
    expect(mapping).toEqual(['fullName', 'company', 'opportunityAmount', 'currency']);
    const { good, bad } = leadsFromTable(table, mapping, { kind: 'prospecting' }, { currency: 'SEK', locale: 'de-DE' });
    expect(good.map(({ lead }) => [lead.fullName, lead.opportunity])).toEqual([
      ['Ana Lima', { amount: 25000.5, currency: 'EUR' }],
      ['Bo Berg', { amount: 12000, currency: 'SEK' }],
    ]);
    expect(bad).toEqual([
      { row: 4, reason: 'opportunityAmount: "lots" is not an amount, like 25000' },
      { row: 5, reason: 'currency: Pick a currency, like EUR or USD' },
    ]);
  });

  it('writes the size and its currency, which an import reads back', () => {
    const csv = leadsToCsv([aLead({ company: 'Acme', opportunity: { amount: 1234.5, currency: 'CHF' } })]);
    const table = parseCsv(csv);
    const { good } = leadsFromTable(table, guessMapping(table.headers), { kind: 'prospecting' }, { currency: 'EUR', locale: 'de-DE' });
    expect(good[0]!.lead.opportunity).toEqual({ amount: 1234.5, currency: 'CHF' });
  });
});

describe('the organizer’s list', () => {
  it('writes the event’s answers a line each and reads them back', () => {
    const lead = aLead({ answers: [{ question: 'Budget?', answer: 'Yes' }, { question: 'Interested in', answer: 'Scanners, Software' }] });
    const csv = leadsToCsv([lead]);
    expect(csv).toContain('"Budget?: Yes\nInterested in: Scanners, Software"');
    const table = parseCsv(csv);
    const { good } = leadsFromTable(table, guessMapping(table.headers), { kind: 'event', eventName: 'Expo' });
    expect(good[0]?.lead.answers).toEqual(lead.answers);
  });

  it('says which row has an answer too long, by its column', () => {
    const table = parseCsv(`Name,Answers\nAna Lima,"Notes: ${'x'.repeat(600)}"`);
    const { good, bad } = leadsFromTable(table, guessMapping(table.headers), { kind: 'prospecting' });
    expect(good).toHaveLength(0);
    expect(bad[0]?.reason).toBe('answers: Keep an answer under 500 characters');
  });

  it('fills in the leads saved with a badge id only, matched by badge id, and adds the other rows', async () => {
    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    const held = await addLead(db, { badgeId: 'EXPO-17', source: { kind: 'event', eventName: 'Expo' }, notes: 'wants a demo' });
    const typed = await addLead(db, { badgeId: 'expo-18', fullName: 'Bo Berg', source: { kind: 'event', eventName: 'Expo' } });
    const synced = await addLead(db, { badgeId: 'EXPO-19', fullName: 'Cy Dahl' });
    await db.transaction('rw', db.leads, db.claims, () => db.leads.update(synced.id, { sync: { status: 'synced', attempts: 1, syncedAt: 1 } }));
    const table = parseCsv('Badge ID,First Name,Last Name,Email,Company\nEXPO-17,Ana,Lima,ana@acme.example,Acme\nEXPO-18,Robert,Berg,bo@initech.example,Initech\nEXPO-19,Cy,Dahl,cy@globex.example,Globex\nEXPO-20,Di,Eng,di@hooli.example,Hooli');
    expect(guessMapping(table.headers)).toEqual(['badgeId', 'firstName', 'lastName', 'email', 'company']);
    const { good } = leadsFromTable(table, guessMapping(table.headers), { kind: 'event', eventName: 'Expo' });
    const matches = await fillInByBadge(db, good);
    expect([matches.filled, matches.alreadySynced, matches.rest.map(({ lead }) => lead.badgeId)]).toEqual([2, 1, ['EXPO-20']]);
    // The held lead has its details now, keeps its notes and source, and is due for the CRM.
    expect(await db.leads.get(held.id)).toMatchObject({ fullName: 'Ana Lima', email: 'ana@acme.example', company: 'Acme', notes: 'wants a demo', source: { eventName: 'Expo' }, sync: { status: 'pending' } });
    // What the rep typed stays; only empty fields are filled in.
    expect(await db.leads.get(typed.id)).toMatchObject({ fullName: 'Bo Berg', email: 'bo@initech.example', company: 'Initech' });
    expect(await db.leads.count()).toBe(3);
  });
});

describe('CSV and vCard export', () => {
  it('writes one row per lead, quoting what needs it and defusing spreadsheet formulas', () => {
    const csv = leadsToCsv([aLead({ company: 'Expo, Inc.', notes: '=HYPERLINK("x")', source: { kind: 'referral', referredBy: 'Bob' } })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('"fullName","firstName","lastName","title","company","email","phone","website","location","linkedinUrl","source","sourceDetail","qualification","status","crmId","createdAt","notes","opportunityAmount","currency","badgeId","answers"');
    expect(row).toContain('"Expo, Inc."');
    expect(row).toContain('"referral","Bob","raw","pending"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });

  /** The cells a spreadsheet set to this list separator sees: each line cut at it, quotes dropped. */
  const cellsAs = (csv: string, separator: string) =>
    csv.split('\r\n').flatMap((line) => line.split(separator).map((cell) => cell.replace(/^"+|"+$/g, '').replace(/""/g, '"')));

  it.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('starts no formula in a spreadsheet that splits on a %s, and leaves phone numbers alone', (_name, separator) => {
    const csv = leadsToCsv([
      aLead({
        company: 'Acme;=1+2',
        title: 'Buyer,@SUM(A1:A9)',
        notes: 'Met at booth\t+cmd|\' /C calc\'!A0; -2+3 ;call back',
        phone: '+49 30 1234 5678',
        location: '-12.5',
      }),
    ]);
    const cells = cellsAs(csv, separator);
    const formulas = cells.filter((cell) => /^\s*[=+\-@]/.test(cell) && !/^[+-]?[\d\s.]+$/.test(cell));
    expect(formulas).toEqual([]);
    expect(csv).toContain('"+49 30 1234 5678"');
    expect(csv).toContain('"-12.5"');
    expect(csv).toContain(`"Acme;'=1+2"`);
  });

  it('writes no raw line break into a vCard, whatever the lead holds', () => {
    const card = leadToVcard({ ...aLead({ fullName: 'Jane Doe' }), notes: 'first\rTEL:+1 555 0100\r\nthird\nfourth' });
    expect(card.split('\r\n').filter(Boolean)).toContain('NOTE:first\\nTEL:+1 555 0100\\nthird\\nfourth');
    expect(card).not.toMatch(/\r(?!\n)/);
    expect(card.split('\r\n').filter((line) => line.startsWith('TEL'))).toEqual([]);
  });

  it('imports a cell with a bare CR, a control character and a bidi override as plain text', () => {
    const table = parseCsv('Name,Company,Notes\r\n"Jane\rTEL:+1","Ac\u202Eme\u0007","line one\rline two"\r\n');
    const { good } = leadsFromTable(table, guessMapping(table.headers), { kind: 'prospecting' });
    expect(good[0]!.lead).toMatchObject({ fullName: 'Jane TEL:+1', company: 'Acme', notes: 'line one\nline two' });
  });

  it('quotes every cell', () => {
    const [, row] = leadsToCsv([aLead({ company: 'Acme' })]).split('\r\n');
    expect(row!.split('","').length).toBe(21);
    expect(row!.startsWith('"') && row!.endsWith('"')).toBe(true);
  });

  it('writes a vCard 4.0 with the lead as the UID', () => {
    const lead = aLead({ email: 'jane@acme.example', phone: '+1 415 555 0100', title: 'CFO; Finance' });
    expect(leadToVcard(lead)).toBe(
      ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Jane Doe', 'N:Doe;Jane;;;', 'ORG:Acme', 'TITLE:CFO\\; Finance', 'EMAIL;TYPE=work:jane@acme.example',
        'TEL;TYPE=work;VALUE=uri:tel:+14155550100', `UID:urn:uuid:${lead.id}`, 'END:VCARD', ''].join('\r\n'),
    );
  });
});

describe('a big CSV file, a step at a time', () => {
  const big = (rows: number) => {
    const lines = ['First Name,Last Name,Email,Company,Notes'];
    for (let i = 1; i <= rows; i++) lines.push(`Ana${i},Booth,${i % 1000 === 0 ? 'broken@' : `ana${i}@expo.example`},"Expo, Inc.","line one\nline two"`);
    return lines.join('\r\n');
  };

  it('reads in steps exactly what reading at once gives, saying how far it is', async () => {
    const text = big(6_000);
    const shares: number[] = [];
    expect(await parseCsvInSteps(text, (share) => shares.push(share))).toEqual(parseCsv(text));
    expect(shares.length).toBeGreaterThan(1);
    expect(shares.at(-1)).toBe(1);
  });

  it('checks and imports in steps: every good row once, in file order, each bad one reported by its row', async () => {
    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    const table = parseCsv(big(2_500));
    const checked: number[] = [];
    const { good, bad } = await leadsFromTableInSteps(table, guessMapping(table.headers), { kind: 'event', eventName: 'Expo' }, { onProgress: (n) => checked.push(n) });
    const steps = (total: number) => Array.from({ length: Math.ceil(total / STEP_ROWS) }, (_, i) => Math.min(total, (i + 1) * STEP_ROWS));
    expect(checked).toEqual(steps(2_500));
    expect(bad.map(({ row }) => row)).toEqual([1_001, 2_001]);
    const written: number[] = [];
    expect(await importInSteps(db, good, { onProgress: (n) => written.push(n) })).toEqual({ imported: 2_498, cancelled: false });
    expect(written).toEqual(steps(2_498));
    const stored = await db.leads.orderBy('createdAt').toArray();
    expect(stored.map((lead) => lead.firstName)).toEqual(good.map(({ lead }) => lead.firstName));
  });

  it('stops at Cancel between steps, keeping what was imported', async () => {
    const db = new OutboxDb(`csv-${crypto.randomUUID()}`);
    const table = parseCsv(big(3_500));
    const { good } = leadsFromTable(table, guessMapping(table.headers), { kind: 'prospecting' });
    const controller = new AbortController();
    const result = await importInSteps(db, good, { signal: controller.signal, onProgress: (n) => n >= 1_000 && controller.abort() });
    expect(result).toEqual({ imported: 1_000, cancelled: true });
    expect(await db.leads.count()).toBe(1_000);
  });

  it('refuses a file over the limit before reading it, saying the limit', () => {
    expect(csvFileProblem(20 * 1024 * 1024)).toBeUndefined();
    expect(csvFileProblem(34 * 1024 * 1024)).toBe('That file is 34.0 MB: Fieldclip imports files up to 20 MB (about 200,000 rows). Split it, and import each part.');
  });
});
