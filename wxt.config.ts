import { defineConfig } from 'wxt';

// The manifest a store reviewer sees. Every permission here is listed, with its reason, in README.md.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  // What both pages load up front goes in one chunk: the libraries (React, TanStack Query, Zod, the
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
            groups: [{ name: 'shared', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|zod|wxt)[\\/]|components[\\/]|lib[\\/]sync[\\/]status|preload-helper|lib[\\/]lead[\\/]kept-text/ }],
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
