/** QR codes as a phone camera would read them: a PNG decoded into pixels in the page, then by jsQR. */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';

/** The text of the QR code in `png` (a screenshot or a downloaded image), or undefined. */
export async function decodeQrPng(page: Page, png: Buffer): Promise<string | undefined> {
  const pixels = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { data: Array.from(data), width, height };
  }, png.toString('base64'));
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}
