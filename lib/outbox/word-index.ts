import type { OutboxDb } from './db';
import type { LeadSearchRow } from './search';

// The search rows' words, held in the side panel's memory: a prefix typed in the search box is
// answered here in a few milliseconds, where IndexedDB's multi-entry index took up to ~200 ms for a
// prefix that matches a third of 10,000 leads (`npm run bench`, panel.filter.p95). Built from the
// search rows once, and again after the search rows change (never after a sync: a sync does not
// touch them).

export class WordIndex {
  /** Each distinct word once, sorted, and beside it the leads that have it. */
  private constructor(
    private readonly words: string[],
    private readonly leads: string[][],
  ) {}

  static from(rows: Iterable<Pick<LeadSearchRow, 'id' | 'words'>>): WordIndex {
    return WordIndex.of(collectWords(new Map(), rows));
  }

  /**
   * The outbox's words, its search rows read a page at a time: each page's answer is a short task
   * of its own in the panel. Read whole, 20,000 rows held the panel's thread 75 ms to copy them out
   * of IndexedDB and 66 ms to build this (a CPU profile), and five times as many five times longer.
   * Undefined when `stillWanted` says, after a page, that the rows changed meanwhile (the caller
   * reads them again).
   */
  static async read(db: OutboxDb, stillWanted: () => boolean = () => true, pageRows = 2_000): Promise<WordIndex | undefined> {
    const byWord = new Map<string, string[]>();
    let after: string | undefined;
    for (;;) {
      const rows = await (after === undefined ? db.leadSearch.orderBy(':id') : db.leadSearch.where(':id').above(after)).limit(pageRows).toArray();
      if (!stillWanted()) return undefined;
      collectWords(byWord, rows);
      if (rows.length < pageRows) return WordIndex.of(byWord);
      after = rows.at(-1)!.id;
    }
  }

  private static of(byWord: ReadonlyMap<string, string[]>): WordIndex {
    const words = [...byWord.keys()].sort();
    return new WordIndex(words, words.map((word) => byWord.get(word)!));
  }

  /** The first word at or after `prefix` in sorted order. */
  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.words[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The ids of the leads with a word that starts with `prefix` (as IndexedDB's startsWith on the words index). */
  startingWith(prefix: string): Set<string> {
    const found = new Set<string>();
    for (let i = this.lowerBound(prefix); i < this.words.length && this.words[i]!.startsWith(prefix); i++) {
      for (const id of this.leads[i]!) found.add(id);
    }
    return found;
  }
}

/** Each row's id beside each of its words. */
function collectWords(byWord: Map<string, string[]>, rows: Iterable<Pick<LeadSearchRow, 'id' | 'words'>>): Map<string, string[]> {
  for (const row of rows) {
    for (const word of row.words) {
      const ids = byWord.get(word);
      if (ids) ids.push(row.id);
      else byWord.set(word, [row.id]);
    }
  }
  return byWord;
}
