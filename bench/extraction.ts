import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { fixtureUrl } from '../tests/unit/parse-html';
import { median, type Figure } from './stats';

const PAGES = join(import.meta.dirname, '../fixtures/pages');
const RUNS = 25;
/** Timer resolution in the browser is coarse (0.1 ms): each sample times a batch of runs. */
const BATCH = 10;

/**
 * A signed-in profile at the size LinkedIn really serves (about 1.5 MB of markup): the saved
 * fixture with a long feed of activity, recommendations and embedded data blobs around it.
 */
function fullSizeProfile(): string {
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
  const extract = await bundle(join(import.meta.dirname, '../../lib/extract/index.ts'), 'FieldclipExtract');
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench</title>');
  await page.addScriptTag({ content: extract });
  const figures: Figure[] = [];
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
    const linkedinProfile = name.startsWith('linkedin-profile');
    figures.push({
      name: `extract ${name}`,
      value,
      unit: 'ms',
      ...(linkedinProfile ? { target: '≤ 5 ms', meets: value <= 5 } : {}),
    });
  }
  await page.close();
  return figures;
}
