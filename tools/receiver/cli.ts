import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startReceiver } from './server';

// `npm run receiver -- --port 8787 --data-dir .fieldclip/receiver [--token T] [--signing-secret S]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'data-dir': { type: 'string', default: '.fieldclip/receiver' },
    token: { type: 'string' },
    'signing-secret': { type: 'string' },
  },
});

const receiver = await startReceiver({
  port: Number(values.port),
  dataDir: resolve(values['data-dir']),
  token: values.token,
  signingSecret: values['signing-secret'],
});
console.log(`Fieldclip reference receiver on ${receiver.url} (webhook: ${receiver.webhookUrl}, lookups: ${receiver.lookupUrl}, outcomes: ${receiver.outcomesUrl})`);
