import { describe, expect, it } from 'vitest';
import { budgets, entrySizes, overBudgetCeilings, type Entry } from '../budgets';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = await entrySizes();

describe('bundle budgets (gzipped, from the Chrome build)', () => {
  it.each(Object.keys(budgets) as Entry[])('%s stays within its budget', (entry) => {
    const size = sizes[entry];
    const ceiling = overBudgetCeilings[entry];
    const limit = ceiling ?? budgets[entry];
    expect(size, `${entry} is ${kb(size)}, over ${ceiling ? `its ceiling of ${kb(ceiling)} (budget ${kb(budgets[entry])})` : `its budget of ${kb(limit)}`}`).toBeLessThanOrEqual(limit);
  });

  it('lists as over budget only the entries that are', () => {
    const listed = Object.keys(overBudgetCeilings) as Entry[];
    for (const entry of listed) expect(sizes[entry], `${entry} now fits its budget: remove it from overBudgetCeilings`).toBeGreaterThan(budgets[entry]);
  });
});
