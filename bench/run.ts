import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/support/extension';
import { budgets, entrySizes } from '../tests/budgets';
import { captureFigures } from './capture';
import { csvImportFigures } from './csv-import';
import { accuracyFigures, extractionTimes } from './extraction';
import { lookupFigures } from './lookup';
import { outcomeFigures } from './outcomes';
import { panelFigures } from './panel';
import { scanFigures } from './scan';
import { printTable, type Figure } from './stats';
import { syncFigures } from './sync';

// `npm run bench [-- --json figures.json] [--schemaorg-examples schemaorg-all-examples.txt]`: every
// speed and size figure, measured in Chromium, and capture accuracy, printed as one table. Figures
// are medians; targets are reported, not asserted.

const { values } = parseArgs({ options: { json: { type: 'string' }, 'schemaorg-examples': { type: 'string' } } });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, chromium: browser.version() };
const figures: Figure[] = [];
try {
  figures.push(...(await extractionTimes(browser)));
} finally {
  await browser.close();
}
// Sizes, panel and sync figures come from the built extension (npm run bench builds it first).
for (const [entry, bytes] of Object.entries(await entrySizes()) as Array<[keyof typeof budgets, number]>) {
  const budget = budgets[entry];
  const key = { 'side panel': 'bundle.sidePanel', options: 'bundle.options', background: 'bundle.background', injected: 'bundle.injected' }[entry];
  figures.push({ key, name: `${entry} (gzipped)`, value: bytes / 1024, unit: 'KB', target: `≤ ${budget / 1024} KB`, meets: bytes <= budget });
}
figures.push(...accuracyFigures(values['schemaorg-examples']));
figures.push(...(await panelFigures()));
figures.push(...(await captureFigures()));
figures.push(...(await scanFigures()));
figures.push(...(await lookupFigures()));
figures.push(...(await csvImportFigures()));
figures.push(...(await syncFigures()));
figures.push(...(await outcomeFigures()));

console.log(`Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, Chromium ${machine.chromium}`);
printTable('Fieldclip benchmark', figures);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ machine, figures }, null, 2)}\n`);
  console.log(`\nFigures written to ${values.json}`);
}
