import { describe, expect, it } from 'vitest';
import { budgets, entrySizes, type Entry } from '../budgets';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = await entrySizes();

describe('bundle budgets (gzipped, from the Chrome build)', () => {
  it.each(Object.keys(budgets) as Entry[])('%s stays within its budget', (entry) => {
    expect(sizes[entry], `${entry} is ${kb(sizes[entry])}, over its budget of ${kb(budgets[entry])}`).toBeLessThanOrEqual(budgets[entry]);
  });
});
