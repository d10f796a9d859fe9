export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value under which `share` of the values fall (nearest rank): `percentile(times, 0.95)` is the p95. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

export const p95 = (values: readonly number[]) => percentile(values, 0.95);

/**
 * One figure of the bench. `key` is stable across releases (names may change, keys may not): what
 * `--json` readers and the targets of issues name. Only a figure measured as its key says has one.
 * `value` is the median of the runs (or the percentile the name says); `spread` the least and the
 * most of them, for figures measured more than once (`fromRuns`).
 */
export type Figure = { key?: string; name: string; value: number; unit: string; spread?: readonly [number, number]; runs?: number; target?: string; meets?: boolean };

/** A figure's value and spread from its runs: the median (or `pick`), and the least and the most. */
export function fromRuns(runs: readonly number[], pick: (values: readonly number[]) => number = median): Pick<Figure, 'value' | 'spread' | 'runs'> {
  return { value: pick(runs), spread: [Math.min(...runs), Math.max(...runs)], runs: runs.length };
}

export function printTable(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  const digits = (unit: string) => (unit === 'ms' || unit === 's' ? 2 : 1);
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toFixed(digits(f.unit))} ${f.unit}`,
    f.spread ? `${f.spread[0].toFixed(digits(f.unit))}–${f.spread[1].toFixed(digits(f.unit))} (${f.runs} runs)` : '',
    f.target ?? '',
    f.meets === undefined ? '' : f.meets ? 'yes' : 'NO',
  ]);
  const headings = ['figure', 'median', 'spread', 'target', 'meets'];
  const widths = headings.map((heading, i) => Math.max(heading.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(headings));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
