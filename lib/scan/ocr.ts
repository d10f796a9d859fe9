import { browser } from 'wxt/browser';
import type { Worker } from 'tesseract.js';
import { simd } from 'wasm-feature-detect';
import type { OcrLanguage } from './languages';
import { OCR_CORE, OCR_LANG_DIR, OCR_WORKER } from './shipped';

// Reading a business card's text: tesseract.js with its LSTM engine, every file it needs shipped in
// the extension (wxt.config.ts copies them to ocr/): the worker script, the SIMD core's loader and
// its .wasm (no multi-megabyte .wasm.js, which the Firefox add-on store refuses), and the language
// data. Blob workers are off and nothing is cached or fetched elsewhere: the image and its text
// stay on this machine. Loaded the first time a card is scanned, kept for the next.

/** A line of text the OCR found, where it is on the image (pixels) and how sure it is (0–100). */
export type OcrLine = { text: string; x0: number; y0: number; x1: number; y1: number; confidence: number };

/** tesseract.js hangs rather than failing when its WebAssembly is refused: never wait longer than this. */
const START_TIMEOUT_MS = 60_000;

let current: { languages: string; worker: Promise<Worker> } | undefined;

/** The card reader holds its model in memory (tens of MB): let go of it after this long unused. */
const IDLE_MS = 5 * 60_000;
let idle: ReturnType<typeof setTimeout> | undefined;

function stopWhenIdle(): void {
  clearTimeout(idle);
  idle = setTimeout(() => {
    const stopping = current?.worker;
    current = undefined;
    void stopping?.then((old) => old.terminate()).catch(() => undefined);
  }, IDLE_MS);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function startWorker(languages: readonly OcrLanguage[]): Promise<Worker> {
  if (!(await simd())) throw new Error('this browser cannot run the card reader (WebAssembly SIMD is off)');
  const { createWorker, OEM, PSM } = await import('tesseract.js');
  // Files the build adds (wxt.config.ts), so not among the paths WXT types.
  const url = (path: string) => (browser.runtime.getURL as (path: string) => string)(`/${path}`);
  const worker = await createWorker([...languages], OEM.LSTM_ONLY, {
    workerPath: url(OCR_WORKER),
    corePath: url(`${OCR_CORE}.js`),
    langPath: url(OCR_LANG_DIR),
    workerBlobURL: false,
    gzip: true,
    cacheMethod: 'none',
  });
  // One block per run of text, each with its box: the columns of a card are rebuilt from them
  // (card-layout.ts); the automatic modes read two columns across, line by line.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, user_defined_dpi: '300' });
  return worker;
}

function worker(languages: readonly OcrLanguage[]): Promise<Worker> {
  const key = languages.join('+');
  if (current?.languages !== key) {
    const previous = current?.worker;
    void previous?.then((old) => old.terminate()).catch(() => undefined);
    const started = withTimeout(startWorker(languages), START_TIMEOUT_MS, 'the card reader did not start in time');
    current = { languages: key, worker: started };
    started.catch(() => {
      if (current?.worker === started) current = undefined;
    });
  }
  return current.worker;
}

/** The lines of text on a card image, each with its box. Throws with a message for the rep when the reader cannot run. */
export async function readCardLines(image: Blob, languages: readonly OcrLanguage[]): Promise<OcrLine[]> {
  let ocr: Worker;
  // Not let go of while it reads.
  clearTimeout(idle);
  try {
    ocr = await worker(languages);
  } catch (error) {
    throw new Error(`The card reader could not start: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const { data } = await ocr.recognize(image, {}, { text: false, blocks: true }).finally(stopWhenIdle);
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+/g, ' ').trim();
        if (text) lines.push({ text, ...line.bbox, confidence: line.confidence });
      }
    }
  }
  return lines;
}
