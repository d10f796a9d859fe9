import { readFileSync } from 'node:fs';

// Waiting for the machine to finish what it was doing before a timed part of the bench starts. Right
// after the bench writes 10,000 leads and reloads the panel, the browser still works for a second or
// so (its IndexedDB and the panel's first reads: 0.5–1.1 core-seconds, read from /proc). A part timed
// from then on shares the machine's two cores with that; one timed later does not. The sync's engine
// was timed in that second, and its floors later.

const QUIET_WINDOW_MS = 500;
/** Busy time, in core-seconds, under which a window counts as quiet: a tenth of one core. */
const QUIET_BUSY_S = (0.1 * QUIET_WINDOW_MS) / 1000;
const LONGEST_WAIT_MS = 20_000;
/** Where /proc is missing (not Linux): a plain pause instead. */
const PAUSE_MS = 2_000;

/** Clock ticks a second of /proc/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/**
 * Core-seconds every CPU has spent so far on anything but idling (waiting for the disk counts as
 * busy), from /proc/stat's first line; undefined without /proc.
 */
function busySeconds(): number | undefined {
  let line: string;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  } catch {
    return undefined;
  }
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, , iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return [user, nice, system, iowait, irq, softirq, steal].reduce<number>((sum, ticks) => sum + (ticks ?? 0), 0) / TICKS_PER_S;
}

/** Waits until the whole machine has been busy less than a tenth of a core over half a second, for at most 20 s. */
export async function untilMachineQuiet(): Promise<void> {
  const start = performance.now();
  const first = busySeconds();
  if (first === undefined) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    return;
  }
  let before = first;
  while (performance.now() - start < LONGEST_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const now: number = busySeconds() ?? before;
    if (now - before < QUIET_BUSY_S) break;
    before = now;
  }
}
