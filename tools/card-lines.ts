// Renders a card fixture (tests/fixtures/cards/NAME.html) in Debian's Chromium and reads it with
// tesseract.js in Node, with the settings the extension uses (LSTM engine, sparse text, the
// shipped language data; a card's first comment may say `languages: eng+deu`), writing NAME.lines.json: the OCR's lines and boxes the card-layout unit
// tests read. Run: npx tsx tools/card-lines.ts [NAME ...]   (all cards when none is named)

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/support/extension';

const dir = resolve('tests/fixtures/cards');
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(dir).filter((file) => file.endsWith('.html')).map((file) => file.replace(/\.html$/, ''));
const require = createRequire(import.meta.url);

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const dataPath = (code: string) => join(dirname(require.resolve(`@tesseract.js-data/${code}`)), '4.0.0_best_int');
try {
  for (const name of names) {
    const html = readFileSync(join(dir, `${name}.html`), 'utf8');
    const languages = (/languages:\s*([a-z+]+)/.exec(html)?.[1] ?? 'eng').split('+');
    // One folder holding every language's data, as the extension's ocr/lang is.
    const langPath = mkdtempSync(join(tmpdir(), 'fieldclip-lang-'));
    for (const code of languages) copyFileSync(join(dataPath(code), `${code}.traineddata.gz`), join(langPath, `${code}.traineddata.gz`));
    const worker = await createWorker(languages, OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, user_defined_dpi: '300' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;width:1400px;height:800px;overflow:hidden}</style></head><body>${html}</body></html>`);
    const png = await page.screenshot({ type: 'png' });
    await page.close();
    const { data } = await worker.recognize(png, {}, { text: false, blocks: true });
    const lines = (data.blocks ?? []).flatMap((block) =>
      block.paragraphs.flatMap((paragraph) =>
        paragraph.lines.map((line) => ({ text: line.text.replace(/\s+/g, ' ').trim(), ...line.bbox, confidence: Math.round(line.confidence) })),
      ),
    );
    writeFileSync(join(dir, `${name}.lines.json`), `${JSON.stringify(lines.filter((line) => line.text), null, 1)}\n`);
    console.log(`${name} (${languages.join('+')}): ${lines.length} lines`);
    await worker.terminate();
  }
} finally {
  await browser.close();
}
