import bwipjs from 'bwip-js/node';
import type { BrowserContext } from 'playwright-core';

// Pictures for the scanner's tests, made here rather than stored: codes drawn by bwip-js (the
// Barcode Writer in Pure PostScript) from the text a badge would carry, and badges and cards laid
// out in HTML and photographed by Chromium.

export type CodeKind = 'qrcode' | 'pdf417' | 'azteccode' | 'datamatrix' | 'code128';

/** A PNG of `text` in the given symbology, black on white with a quiet zone. */
export async function codePng(kind: CodeKind, text: string, scale = 4): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: kind, text, scale, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF', ...(kind === 'code128' ? { height: 12 } : {}) });
}

/** A PNG of `html` (a whole document's body) at width × height, photographed by Chromium. */
export async function renderPng(context: BrowserContext, html: string, width: number, height: number): Promise<Buffer> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width, height });
    await page.setContent(`<!doctype html><html><head><style>html,body{margin:0;width:${width}px;height:${height}px;overflow:hidden}</style></head><body>${html}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    return await page.screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

/** A data: URL of a PNG, for an <img> in rendered HTML. */
export const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
