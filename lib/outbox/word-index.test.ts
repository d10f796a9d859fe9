import { describe, expect, it } from 'vitest';
import { OutboxDb } from './db';
import { matchingSets, noFilter } from './filter';
import { addLead } from './outbox';
import { wordsOf } from './search';
import { WordIndex } from './word-index';

describe('the in-memory word index', () => {
  it('finds the leads with a word starting with a prefix, each once', () => {
    const index = WordIndex.from([
      { id: 'a', words: ['jane', 'doe', 'acme'] },
      { id: 'b', words: ['janet', 'acme', 'acmecorp'] },
      { id: 'c', words: ['bob', 'globex'] },
    ]);
    expect([...index.startingWith('jan')].sort()).toEqual(['a', 'b']);
    expect([...index.startingWith('acme')].sort()).toEqual(['a', 'b']);
    expect([...index.startingWith('globex')]).toEqual(['c']);
    expect([...index.startingWith('z')]).toEqual([]);
    expect([...index.startingWith('')].sort()).toEqual(['a', 'b', 'c']);
  });

  it('answers as the outbox’s own words index does, for every prefix of every word', async () => {
    const db = new OutboxDb(`word-index-${crypto.randomUUID()}`);
    const names = ['José Martínez', 'Jose Martin', 'Anna Schmidt', 'Ann Smith', 'Ánh Nguyễn', 'Zoë Okafor'];
    for (const [i, fullName] of names.entries()) await addLead(db, { fullName, company: `Acme ${i}`, email: `p${i}@acme.example` }, i + 1);
    const index = WordIndex.from(await db.leadSearch.toArray());
    const prefixes = new Set(names.flatMap((name) => wordsOf(name)).flatMap((word) => [...word].map((_, i) => word.slice(0, i + 1))));
    for (const prefix of [...prefixes, 'acme', 'p3', 'zz']) {
      const [fromDb] = await matchingSets(db, { ...noFilter, text: prefix });
      expect([...index.startingWith(prefix)].sort(), prefix).toEqual([...fromDb!].sort());
    }
  });

  it('reads the outbox a page at a time into the same index, and gives up when the rows changed meanwhile', async () => {
    const db = new OutboxDb(`word-index-${crypto.randomUUID()}`);
    for (const [i, fullName] of ['Jane Doe', 'Janet Roe', 'Bob Stone', 'Jan Novak', 'Ann Smith'].entries()) await addLead(db, { fullName, company: `Acme ${i}` }, i + 1);
    const whole = WordIndex.from(await db.leadSearch.toArray());
    const paged = await WordIndex.read(db, () => true, 2);
    for (const prefix of ['jan', 'a', 'acme', 'stone', 'n', '']) expect([...paged!.startingWith(prefix)].sort(), prefix).toEqual([...whole.startingWith(prefix)].sort());
    let pages = 0;
    expect(await WordIndex.read(db, () => ++pages < 2, 2)).toBeUndefined();
    expect(pages).toBe(2);
  });
});
