import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backOnline } from './connectivity';

describe('backOnline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return () => done;
  };

  it('resolves at once when the browser is online', async () => {
    const done = await settled(backOnline({ isOnline: () => true, events: new EventTarget() }));
    expect(done()).toBe(true);
  });

  it('waits while offline and resolves at the first poll that finds the network back, with no event (Chrome’s workers)', async () => {
    let online = false;
    const done = await settled(backOnline({ pollMs: 1_000, isOnline: () => online, events: new EventTarget() }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done()).toBe(false);
    online = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves on an online event before the next poll, and stops listening', async () => {
    let online = false;
    const events = new EventTarget();
    const remove = vi.spyOn(events, 'removeEventListener');
    const done = await settled(backOnline({ pollMs: 60_000, isOnline: () => online, events }));
    online = true;
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
    expect(remove).toHaveBeenCalledWith('online', expect.any(Function));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores an online event while navigator.onLine still says offline', async () => {
    const events = new EventTarget();
    const done = await settled(backOnline({ pollMs: 60_000, isOnline: () => false, events }));
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(false);
  });
});
