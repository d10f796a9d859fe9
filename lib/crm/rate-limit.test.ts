import { describe, expect, it } from 'vitest';
import { RollingWindow } from './rate-limit';

describe('RollingWindow', () => {
  it('lets `limit` requests through, then waits until the oldest leaves the window', async () => {
    let time = 0;
    const waits: number[] = [];
    const window = new RollingWindow(3, 10_000, () => time, async (ms) => {
      waits.push(ms);
      time += ms;
    });
    await window.take();
    time = 1_000;
    await window.take();
    await window.take();
    await window.take();
    expect(waits).toEqual([9_000]);
    expect(time).toBe(10_000);
  });
});
