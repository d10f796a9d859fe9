import { defineConfig } from 'wxt';

// The manifest a store reviewer sees. Every permission here is listed, with its reason, in README.md.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  manifest: ({ manifestVersion }) => ({
    name: 'Fieldclip',
    description:
      'Capture B2B leads from the page in front of you, tag them with their source, and sync them to your CRM.',
    permissions: ['storage', 'activeTab', 'scripting'],
    // The local reference receiver (and any CRM on this machine) works without a prompt.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // A remote CRM's origin is asked for when the rep saves its settings, never at install.
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['https://*/*'] }
      : { optional_permissions: ['https://*/*'] }),
    action: { default_title: 'Open Fieldclip' },
  }),
});
