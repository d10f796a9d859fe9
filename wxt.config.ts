import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'wxt';
import { OCR_CORE, OCR_LANGUAGES, OCR_WORKER, ocrModel, ZXING_WASM } from './lib/scan/shipped';

const require = createRequire(import.meta.url);

/**
 * Files the scanner loads from the extension itself (nothing is fetched at run time):
 * - ZXing's WebAssembly, from the zxing-wasm that barcode-detector pins (its own copy when it nests one);
 * - tesseract.js's worker, its SIMD LSTM core (loader and .wasm side by side, where the worker
 *   looks) and the language data (LSTM "best_int" models, gzipped as they are published).
 * Where each goes is lib/scan/shipped.ts's, as are the languages.
 */
function scannerFiles(): Array<{ absoluteSrc: string; relativeDest: string }> {
  // A package's folder as Node would find it from `from` (a nested copy first); exports maps do not apply.
  const here = (pkg: string, from = require) => {
    const folder = (from.resolve.paths(pkg) ?? []).map((root) => join(root, pkg)).find((dir) => existsSync(join(dir, 'package.json')));
    if (!folder) throw new Error(`wxt.config.ts: ${pkg} is not installed (npm install)`);
    return folder;
  };
  const detector = here('barcode-detector');
  const zxing = here('zxing-wasm', createRequire(join(detector, 'package.json')));
  const tesseract = here('tesseract.js');
  const core = here('tesseract.js-core', createRequire(join(tesseract, 'package.json')));
  return [
    { absoluteSrc: join(zxing, 'dist/reader/zxing_reader.wasm'), relativeDest: ZXING_WASM },
    { absoluteSrc: join(tesseract, 'dist/worker.min.js'), relativeDest: OCR_WORKER },
    { absoluteSrc: join(core, 'tesseract-core-simd-lstm.js'), relativeDest: `${OCR_CORE}.js` },
    { absoluteSrc: join(core, 'tesseract-core-simd-lstm.wasm'), relativeDest: `${OCR_CORE}.wasm` },
    ...OCR_LANGUAGES.map(({ code, data }) => ({
      absoluteSrc: join(here(data), '4.0.0_best_int', `${code}.traineddata.gz`),
      relativeDest: ocrModel(code),
    })),
  ];
}

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...scannerFiles());
    },
  },
  // What both pages load up front goes in one chunk: the libraries (React, TanStack Query, the
  // browser API), the shared components, the sync state, and two small modules
  // several lazy parts share too (Vite's preload helper, keptText). Left to itself the
  // bundler cuts these into a chunk per set of pages and lazy parts that use them, and many small
  // chunks gzip worse: about 1 KB more for each page (tests/budgets.ts). The service worker's
  // build has no code splitting, so this does not touch it (the build says so in a warning; the
  // newer codeSplitting option would turn splitting on there too).
  vite: () => ({
    // Dexie's modern build (dist/modern, ES2018 and later, published for modern bundlers) rather than
    // the ES5 build its import wrapper loads: about 2 KB gzipped less on every page and in the
    // service worker. The wrapper's guard against two copies of Dexie in one page is not needed:
    // each page and the worker are one bundle, built with this one alias.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
    build: {
      rolldownOptions: {
        output: {
          advancedChunks: {
            groups: [{ name: 'shared', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|wxt)[\\/]|components[\\/]|lib[\\/]sync[\\/]status|preload-helper|lib[\\/]lead[\\/]kept-text/ }],
          },
        },
      },
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Fieldclip',
    description:
      'Capture B2B leads from the page in front of you, tag them with their source, and sync them to your CRM.',
    // unlimitedStorage: the outbox is the only copy of unsynced leads; the browser must neither evict
    // it under storage pressure nor cap it. It carries no install prompt.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus', 'alarms', 'notifications', ...(browser === 'firefox' ? ['identity'] : [])],
    host_permissions: [
      // Capture from LinkedIn profiles and company pages, read only when the rep asks.
      'https://*.linkedin.com/*',
      // The local reference receiver (and any CRM on this machine) works without a prompt.
      'http://localhost/*',
      'http://127.0.0.1/*',
    ],
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: 'Capture the prospect on this page',
      },
    },
    // A remote CRM's origin is asked for when the rep saves its settings, never at install.
    // identity: the Salesforce sign-in window, asked for when the rep connects Salesforce.
    // (Firefox does not offer identity as an optional permission; there it carries no install prompt.)
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['https://*/*'], optional_permissions: ['identity'] }
      : { optional_permissions: ['https://*/*'] }),
    action: { default_title: 'Open Fieldclip' },
    // 'wasm-unsafe-eval': the badge scanner's code reader is WebAssembly shipped in the extension,
    // which the default policy refuses to compile. No remote script, no eval of JavaScript.
    content_security_policy:
      manifestVersion === 3
        ? { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" }
        : "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'fieldclip@fieldclip.invalid',
          strict_min_version: '140.0',
          // What leaves the browser: the leads the rep captures (names, emails, phones: personal
          // data; fields read from pages: website content), sent only to the CRM the rep configures.
          data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
        },
      },
    }),
  }),
});
