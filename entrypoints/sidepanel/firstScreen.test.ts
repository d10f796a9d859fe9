import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../lib/lead/schema';
import { firstScreenOf } from './firstScreen';

/** A first-screen read that answers when the test says, counting how often it was asked. */
function reads() {
  const asked: Array<{ answer: (leads: Lead[]) => void; fail: (error: Error) => void }> = [];
  const readPage = () => new Promise<Lead[]>((answer, fail) => asked.push({ answer, fail }));
  return { asked, readPage };
}
const lead = (id: string) => ({ id }) as Lead;
const outboxChanged = () => Dexie.on('storagemutated').fire({});

describe('the list’s first screen, read before the panel renders', () => {
  it('hands the list the read started early, once; the list’s next read is its own', async () => {
    const { asked, readPage } = reads();
    const screen = firstScreenOf(readPage);
    screen.start();
    screen.start();
    expect(asked).toHaveLength(1);
    const first = screen.read();
    asked[0]!.answer([lead('a')]);
    expect(await first).toEqual([lead('a')]);
    expect(asked).toHaveLength(1);
    void screen.read();
    expect(asked).toHaveLength(2);
  });

  it('reads again when the outbox changed after the early read began (a save or a sync from the worker)', async () => {
    const { asked, readPage } = reads();
    const screen = firstScreenOf(readPage);
    screen.start();
    outboxChanged();
    const read = screen.read();
    expect(asked).toHaveLength(2);
    asked[0]!.answer([lead('old')]);
    asked[1]!.answer([lead('new'), lead('old')]);
    expect(await read).toEqual([lead('new'), lead('old')]);
  });

  it('reads again when the early read failed', async () => {
    const { asked, readPage } = reads();
    const screen = firstScreenOf(readPage);
    screen.start();
    const read = screen.read();
    asked[0]!.fail(new Error('The outbox could not be opened'));
    await expect.poll(() => asked.length).toBe(2);
    asked[1]!.answer([lead('a')]);
    expect(await read).toEqual([lead('a')]);
  });

  it('holds the panel’s other first reads until the early read has its answer, failed or not', async () => {
    const { asked, readPage } = reads();
    const screen = firstScreenOf(readPage);
    screen.start();
    const order: string[] = [];
    const counted = screen.after(async () => (order.push('count'), 3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    asked[0]!.fail(new Error('gone'));
    expect(await counted).toBe(3);
    expect(order).toEqual(['count']);
  });

  it('holds nothing when no early read was started', async () => {
    const screen = firstScreenOf(reads().readPage);
    expect(await screen.after(async () => 'counted')).toBe('counted');
  });
});
