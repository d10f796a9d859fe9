import { browser } from 'wxt/browser';
import { ZXING_WASM } from './shipped';

// Reading the codes on a badge or a card: QR, PDF417, Aztec, Data Matrix and Code 128. The
// browser's own BarcodeDetector where it has one that reads them (Chromium on macOS, Android);
// elsewhere ZXing compiled to WebAssembly (the barcode-detector package), its .wasm loaded from the
// extension's own files, never from the CDN the package defaults to. Loaded the first time the rep
// scans; nothing leaves the machine.

export const BADGE_FORMATS = ['qr_code', 'pdf417', 'aztec', 'data_matrix', 'code_128'] as const;

export type DecodedCode = { format: string; text: string };

type Detector = { detect(image: ImageBitmapSource): Promise<Array<{ rawValue: string; format: string }>> };
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats(): Promise<readonly string[]> };

let detector: Promise<Detector> | undefined;

async function nativeDetector(): Promise<Detector | undefined> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    const supported = await Native.getSupportedFormats();
    if (!BADGE_FORMATS.every((format) => supported.includes(format))) return undefined;
    return new Native({ formats: [...BADGE_FORMATS] });
  } catch {
    return undefined;
  }
}

async function zxingDetector(): Promise<Detector> {
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  // A file the build adds (wxt.config.ts), so not among the paths WXT types.
  const wasmUrl = (browser.runtime.getURL as (path: string) => string)(`/${ZXING_WASM}`);
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  });
  return new BarcodeDetector({ formats: [...BADGE_FORMATS] });
}

function loadDetector(): Promise<Detector> {
  detector ??= nativeDetector()
    .then((native) => native ?? zxingDetector())
    .catch((error: unknown) => {
      detector = undefined;
      throw error;
    });
  return detector;
}

/** Starts loading the decoder (and compiling its WebAssembly) before the rep's image arrives. */
export function preloadDecoder(): void {
  void loadDetector().catch(() => undefined);
}

/**
 * The codes in an image, largest first as the decoder finds them; none is an empty list. Throws
 * only when the decoder itself cannot run (its WebAssembly refused), with a message for the rep.
 */
export async function decodeCodes(image: ImageBitmapSource): Promise<DecodedCode[]> {
  let found: Awaited<ReturnType<Detector['detect']>>;
  try {
    found = await (await loadDetector()).detect(image);
  } catch (error) {
    throw new Error(`The code reader could not start (${error instanceof Error ? error.message : String(error)}).`);
  }
  return found.filter(({ rawValue }) => rawValue.length > 0).map(({ format, rawValue }) => ({ format, text: rawValue }));
}
