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
});
