import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './support/extension';

// The manifest a store reviewer sees, as the loaded Chrome build reports it, against the
// permissions README.md lists: a permission added without its reason fails here.

type Manifest = chrome.runtime.ManifestV3;

/** The permissions named in README's table: `storage`, host `https://…`, optional `identity`… */
function readmePermissions() {
  const table = readFileSync('README.md', 'utf8').split('## Permissions')[1]!.split('\n## ')[0]!;
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| permission') && !line.startsWith('| ---'));
  const found = { permissions: [] as string[], hosts: [] as string[], optionalPermissions: [] as string[], optionalHosts: [] as string[] };
  for (const row of rows) {
    const cell = row.split('|')[1]!;
    const names = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    const optional = /optional/.test(cell);
    const host = /host/.test(cell);
    const list = optional ? (host ? found.optionalHosts : found.optionalPermissions) : host ? found.hosts : found.permissions;
    list.push(...names);
  }
  return found;
}

let session: ExtensionSession;
let manifest: Manifest;
beforeAll(async () => {
  session = await launchExtension();
  manifest = (await session.worker.evaluate(() => chrome.runtime.getManifest())) as Manifest;
});
afterAll(() => session.close());

describe('the Chrome build’s manifest', () => {
  it('asks at install for exactly the permissions the README lists, and no <all_urls>', () => {
    const readme = readmePermissions();
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...readme.permissions].sort());
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...readme.hosts].sort());
    expect([...(manifest.optional_permissions ?? [])].sort()).toEqual([...readme.optionalPermissions].sort());
    expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual([...readme.optionalHosts].sort());
    expect(JSON.stringify([manifest.permissions, manifest.host_permissions])).not.toMatch(/<all_urls>|\*:\/\/\*\/\*|https:\/\/\*\/\*/);
  });

  it('loads no remote code and allows no eval of JavaScript (WebAssembly shipped in the extension only)', () => {
    const csp = manifest.content_security_policy?.extension_pages;
    expect(csp).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'|https?:/);
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    const html = ['sidepanel.html', 'options.html', 'camera.html'].map((page) => readFileSync(`.output/chrome-mv3/${page}`, 'utf8'));
    for (const page of html) expect(page).not.toMatch(/<script[^>]+src="https?:/);
  });
});

describe('the scanner’s files, shipped in the build', () => {
  it('has the code reader’s WebAssembly, the card reader’s worker, core and every language it offers, each small enough for the add-on stores', async () => {
    const { OCR_CORE, OCR_LANGUAGES, OCR_WORKER, ocrModel, ZXING_WASM } = await import('../../lib/scan/shipped');
    const files = [ZXING_WASM, OCR_WORKER, `${OCR_CORE}.js`, `${OCR_CORE}.wasm`, ...OCR_LANGUAGES.map(({ code }) => ocrModel(code))];
    for (const build of ['.output/chrome-mv3', '.output/firefox-mv2']) {
      for (const file of files) {
        const size = statSync(`${build}/${file}`).size;
        expect(size, `${build}/${file}`).toBeGreaterThan(10_000);
        // The Firefox add-on store cannot review a JavaScript file over 4 MB.
        if (file.endsWith('.js')) expect(size, file).toBeLessThan(4 * 1024 * 1024);
      }
    }
  });
});
