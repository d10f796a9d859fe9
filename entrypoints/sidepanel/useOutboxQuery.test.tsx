// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changesAny, useOutboxQuery } from './useOutboxQuery';

// A change to the outbox, as Dexie announces one (this page's writes and, by broadcast, the worker's).
const outboxChanged = () => act(() => void Dexie.on('storagemutated').fire({}));

describe('useOutboxQuery', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('runs again at once on the first change after a quiet spell, and a slow query waits twice its own time', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let took = 50;
    const query = () => {
      runs += 1;
      return new Promise<number>((resolve) => setTimeout(() => resolve(runs), took));
    };
    function Probe() {
      return <p>{useOutboxQuery(query, []) ?? 'none'}</p>;
    }
    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toBe(1);
    // Quick, and quiet since: the change is read at once.
    await outboxChanged();
    await act(() => vi.advanceTimersByTimeAsync(60));
    expect(runs).toBe(2);

    // A query taking 600 ms (the Results tables over every lead) waits 1.2 s before it runs again.
    took = 600;
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await outboxChanged();
    expect(runs).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(700));
    await outboxChanged();
    await act(() => vi.advanceTimersByTimeAsync(1_100));
    expect(runs).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(runs).toBe(4);
  });

  it('runs a query whose answer only search rows change again for their changes, not for a sync’s', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const query = async () => (runs += 1);
    function Probe() {
      return <p>{useOutboxQuery(query, [], { changedBy: ['leadSearch'] }) ?? 'none'}</p>;
    }
    render(<Probe />);
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toBe(1);
    // A sync records a batch: leads, their claim and the log.
    await act(() => void Dexie.on('storagemutated').fire({ 'idb://fieldclip/leads/': {}, 'idb://fieldclip/claims/': {}, 'idb://fieldclip/syncLog/': {} } as never));
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toBe(1);
    // The rep saves a lead: the lead and its search row.
    await act(() => void Dexie.on('storagemutated').fire({ 'idb://fieldclip/leads/': {}, 'idb://fieldclip/leadSearch/words': {} } as never));
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toBe(2);
  });
});

describe('changesAny', () => {
  it('finds the tables a change names, and takes a change it cannot place as any', () => {
    expect(changesAny({ 'idb://fieldclip/leads/': {}, 'idb://fieldclip/leads/createdAt': {} } as never, ['leadSearch'])).toBe(false);
    expect(changesAny({ 'idb://fieldclip/leads/': {}, 'idb://fieldclip/leadSearch/': {} } as never, ['leadSearch'])).toBe(true);
    expect(changesAny({ 'idb://filter-1234/leadSearch/person': {} } as never, ['leadSearch', 'outcomes'])).toBe(true);
    expect(changesAny({}, ['leadSearch'])).toBe(true);
    expect(changesAny(undefined, ['leadSearch'])).toBe(true);
    expect(changesAny({ 'something else': {} } as never, ['leadSearch'])).toBe(true);
  });
});
