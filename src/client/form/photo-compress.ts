/**
 * Compresses a KTP photo from the camera or a file, on the phone, to a JPEG whose long edge is at most
 * 1,600 px and that weighs at most about 250 KB (src/shared/photo.ts has the maths and the steps), and
 * hashes it. Loaded only when a photo is chosen, never on the first paint.
 *
 * `createImageBitmap` decodes (with the EXIF orientation applied, so a photo taken upright stays
 * upright) and a canvas re-encodes: OffscreenCanvas where there is one, a detached <canvas> otherwise.
 */
import { JPEG_QUALITY_STEPS, PHOTO_LONG_EDGE_PX, nextCompressionStep, scaledSize } from '../../shared/photo';
import { sha256HexOfBytes } from '../../shared/sha256';
import type { TakenPhoto } from '../db';

export type CompressResult = { ok: true; photo: TakenPhoto } | { ok: false; reason: 'unreadable' };

async function encodeJpeg(bitmap: ImageBitmap, longEdge: number, quality: number): Promise<Blob> {
  const { width, height } = scaledSize(bitmap.width, bitmap.height, longEdge);
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))),
      'image/jpeg',
      quality,
    ),
  );
}

/** Web Crypto where the page has it (a secure context); the pure hash on a plain-HTTP pilot. */
async function sha256OfBlob(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256HexOfBytes(bytes);
}

/** Steps quality down, then the size, until the JPEG fits; the last try is kept whatever it weighs. */
export async function compressPhoto(file: Blob): Promise<CompressResult> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    let step = { qualityIndex: 0, longEdge: PHOTO_LONG_EDGE_PX };
    for (;;) {
      const blob = await encodeJpeg(bitmap, step.longEdge, JPEG_QUALITY_STEPS[step.qualityIndex]!);
      const next = nextCompressionStep(blob.size, step.qualityIndex, step.longEdge);
      if (!next) return { ok: true, photo: { blob, sha256: await sha256OfBlob(blob), type: 'image/jpeg' } };
      step = next;
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    bitmap.close();
  }
}
