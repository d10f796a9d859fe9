import { resolve } from 'node:path';
import { startProduct } from './product';

// `npm start`: the extension is built by the npm script before this runs; then the reference
// receiver starts on 127.0.0.1:8787 and Chromium opens with the extension pointed at it.

const port = Number(process.env.FIELDCLIP_RECEIVER_PORT ?? 8787);
const dataDir = resolve('.fieldclip/receiver');
const profileDir = resolve('.fieldclip/chromium-profile');
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = process.env.FIELDCLIP_HEADLESS === '1' || noDisplay;

const { receiver, session, pointedAtReceiver } = await startProduct({ port, dataDir, profileDir, headless }).catch(
  (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is taken. Stop what uses it, or run with FIELDCLIP_RECEIVER_PORT=<another port>.`);
      process.exit(1);
    }
    throw error;
  },
);

console.log(`Reference receiver: ${receiver.url} (what it received is kept in ${dataDir})`);
console.log(pointedAtReceiver ? `Fieldclip is pointed at ${receiver.webhookUrl}` : 'Fieldclip keeps the CRM settings saved in this profile');
console.log(
  headless
    ? 'No display: Chromium runs headless (set DISPLAY to see it). Press Ctrl+C to stop.'
    : 'Chromium is open on the Fieldclip panel; the receiver and the settings are in the other tabs. Close Chromium or press Ctrl+C to stop.',
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await session.close({ discard: false }).catch(() => {});
  await receiver.close();
  process.exit(0);
}
session.context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
