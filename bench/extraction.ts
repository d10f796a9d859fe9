import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { accuracy, scoreHeldOut } from '../tests/unit/extraction-accuracy';
import { fixtureUrl } from '../tests/unit/parse-html';
import { publishedExampleScores } from './published-examples';
import { fromRuns, median, type Figure } from './stats';

const PAGES = join(import.meta.dirname, '../tests/fixtures/pages');
const RUNS = 25;
/** Timer resolution in the browser is coarse (0.1 ms): each sample times a batch of runs. */
const BATCH = 10;

/**
 * A signed-in profile at the size LinkedIn really serves (about 1.5 MB of markup): the saved
 * fixture with a long feed of activity, recommendations and embedded data blobs around it.
 */
export function fullSizeProfile(): string {
  const html = readFileSync(join(PAGES, 'linkedin-profile-classic.html'), 'utf8');
  const card = (i: number) =>
    `<li class="artdeco-list__item"><div class="display-flex"><span aria-hidden="true">Post ${i}: shipping update from the Gdańsk hub</span><span class="visually-hidden">Post ${i}</span></div><div class="t-14 t-normal"><span aria-hidden="true">${i} reactions · ${i % 7} comments</span></div></li>`;
  const activity = `<section class="artdeco-card"><h2><span aria-hidden="true">Activity</span></h2><ul>${Array.from({ length: 2500 }, (_, i) => card(i)).join('')}</ul></section>`;
  const blobs = Array.from({ length: 40 }, (_, i) => `<code style="display: none" id="bpr-guid-${i}">${JSON.stringify({ data: 'x'.repeat(12_000), i })}</code>`).join('');
  return html.replace('</main>', `${activity}</main>`).replace('</body>', `${blobs}</body>`);
}

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'iife', globalName, write: false, target: 'chrome120' });
  return result.outputFiles[0]!.text;
}

/**
 * Extraction time per saved page, in Chromium: the page is parsed once with DOMParser (as the panel
 * does), then extractProspect runs RUNS times on it; the median is reported.
 */
export async function extractionTimes(browser: Browser): Promise<Figure[]> {
  const extract = await bundle(join(import.meta.dirname, '../lib/extract/index.ts'), 'FieldclipExtract');
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench</title>');
  await page.addScriptTag({ content: extract });
  const figures: Figure[] = [];
  const sitePages: Array<{ name: string; value: number }> = [];
  const pages = readdirSync(PAGES)
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({ name: file.replace(/\.html$/, ''), html: readFileSync(join(PAGES, file), 'utf8') }));
  const full = fullSizeProfile();
  pages.unshift({ name: `linkedin-profile full size (${(full.length / 1e6).toFixed(1)} MB)`, html: full });
  for (const { name, html } of pages) {
    const url = fixtureUrl(html);
    const times = await page.evaluate(
      ({ html, url, runs, batch }) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const api = (globalThis as unknown as { FieldclipExtract: { extractProspect(d: Document, u: string): unknown } }).FieldclipExtract;
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          for (let j = 0; j < batch; j++) api.extractProspect(doc, url);
          samples.push((performance.now() - start) / batch);
        }
        return samples;
      },
      { html, url, runs: RUNS, batch: BATCH },
    );
    const value = median(times);
    if (name.startsWith('linkedin')) {
      figures.push({ name: `extract ${name}`, ...fromRuns(times), unit: 'ms', ...(name.startsWith('linkedin-profile') ? { target: '≤ 5 ms', meets: value <= 5 } : {}) });
    } else sitePages.push({ name, value });
  }
  await page.close();
  // Company pages, of which there are many: their median and the slowest, by name.
  const slowest = sitePages.reduce((a, b) => (b.value > a.value ? b : a), { name: 'none', value: 0 });
  figures.push({ name: `extract company pages (${sitePages.length}), median`, value: median(sitePages.map((p) => p.value)), unit: 'ms' });
  figures.push({ name: `extract slowest company page (${slowest.name})`, value: slowest.value, unit: 'ms' });
  return figures;
}

/**
 * Capture accuracy: the share of labelled fields right on the held-out pages, and on schema.org's
 * published examples when `--schemaorg-examples <schemaorg-all-examples.txt>` names a release's file.
 */
export function accuracyFigures(schemaorgExamples: string | undefined): Figure[] {
  const heldOut = accuracy(scoreHeldOut());
  const figures: Figure[] = [
    { name: `capture accuracy, held-out pages (${heldOut.total} fields, ${heldOut.wrong} wrong)`, value: heldOut.share * 100, unit: '%', target: '≥ 90 %', meets: heldOut.share >= 0.9 },
  ];
  if (schemaorgExamples) {
    for (const { syntax, scores } of publishedExampleScores(schemaorgExamples)) {
      const result = accuracy(scores);
      figures.push({ name: `capture accuracy, schema.org examples in ${syntax} (${result.total} fields, ${result.wrong} wrong)`, value: result.share * 100, unit: '%', target: '≥ 90 %', meets: result.share >= 0.9 });
    }
  }
  return figures;
}
