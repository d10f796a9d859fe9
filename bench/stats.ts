export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One figure of the bench. `key` is stable across releases (names may change, keys may not): what
 * `--json` readers and the targets of issues name. Only a figure measured as its key says has one.
 */
/** The value under which `share` of the values fall (nearest rank): `percentile(times, 0.95)` is the p95. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

export type Figure = { key?: string; name: string; value: number; unit: string; target?: string; meets?: boolean };

export function printTable(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.unit === 'ms' || f.unit === 's' ? 2 : 1)} ${f.unit}`, f.target ?? '', f.meets === undefined ? '' : f.meets ? 'yes' : 'NO']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'median', 'target', 'meets'][i]!.length, ...rows.map((r) => r[i]!.length)]));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(['figure', 'median', 'target', 'meets']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
