import Dexie, { type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'react';
import type { OutboxDb } from '../../../lib/outbox/db';
import { WordIndex } from '../../../lib/outbox/word-index';
import { changesAny } from '../useOutboxQuery';

/** Quiet this long after the search rows change (an import writes them a step at a time) before building again. */
const QUIET_MS = 1_000;

/**
 * The outbox's words in memory, for the search box (lib/outbox/word-index.ts): built once the list
 * has painted, and again once the search rows stop changing. Until it is built, and whenever it may
 * be out of date, it is undefined and the search asks IndexedDB: never an answer from old words.
 */
export function useWordIndex(db: OutboxDb, ready: boolean): WordIndex | undefined {
  const [index, setIndex] = useState<WordIndex>();
  useEffect(() => {
    if (!ready) return;
    let live = true;
    let version = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const build = async () => {
      const building = version;
      // Changed while reading: the next build (already scheduled) takes it.
      const built = await WordIndex.read(db, () => live && building === version);
      if (built) setIndex(built);
    };
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void build(), ms);
    };
    schedule(0);
    const onMutated = (parts: ObservabilitySet) => {
      if (!changesAny(parts, ['leadSearch'])) return;
      version += 1;
      setIndex(undefined);
      schedule(QUIET_MS);
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
      live = false;
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [db, ready]);
  return index;
}
