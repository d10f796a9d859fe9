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

/**
 * A 1200×900 photo of a whole badge on a desk, its code small (190 px) and turned `degrees`, printed
 * text around it: what a rep photographs at a stand. Shared by the browser test and the bench.
 */
export async function badgePhoto(context: BrowserContext, code: Buffer, degrees: number, printedName = 'Visitor'): Promise<Buffer> {
  return renderPng(
    context,
    `<div style="width:1200px;height:900px;background:linear-gradient(135deg,#8a8f98,#c5c9cf);display:flex;align-items:center;justify-content:center;font-family:'DejaVu Sans',sans-serif">
       <div style="transform:rotate(${degrees}deg);background:#fff;width:520px;height:700px;border-radius:18px;padding:30px;box-sizing:border-box;text-align:center;box-shadow:0 8px 30px #0006">
         <div style="background:#0b3d91;color:#fff;font-size:30px;padding:14px;border-radius:8px">EXPO NORTH 2026</div>
         <div style="font-size:44px;font-weight:bold;margin-top:40px">${printedName}</div>
         <img src="${dataUrl(code)}" style="width:190px;margin-top:60px;image-rendering:pixelated">
         <div style="font-size:18px;margin-top:30px;color:#555">VISITOR</div>
       </div>
     </div>`,
    1200,
    900,
  );
}
