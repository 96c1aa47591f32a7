/**
 * The KTP photo: what a record says about its photo, the limits both sides keep, the content-type
 * sniffing the registry trusts (never the client's header) and the pure size maths of the phone's
 * compression. Pure, so the phone, the registry and the tests share one definition.
 *
 * The photo's bytes never travel inside the record: the record names them by SHA-256 (`ktpPhoto`), so a
 * new photo is a new record version, and the bytes go up on their own afterwards (`PUT /api/v1/photos`).
 */
import * as z from 'zod/mini';

/** The types the registry stores; anything else is answered 415. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The registry's limit on one photo's bytes (larger: 413). Twice the phone's target, for headroom. */
export const MAX_PHOTO_BYTES = 512 * 1024;
/** What the phone's compression aims at: a readable KTP in a cheap phone's storage and data plan. */
export const TARGET_PHOTO_BYTES = 250_000;
/** The long edge of a compressed photo: a KTP's text stays legible at 1,600 px. */
export const PHOTO_LONG_EDGE_PX = 1600;

export const PhotoHashSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));
export const isPhotoHash = (value: unknown): value is string => PhotoHashSchema.safeParse(value).success;

/** The record's reference to its photo. Optional on the record, so phones without photos keep working. */
export const KtpPhotoSchema = z.object({
  sha256: PhotoHashSchema,
  bytes: z.int().check(z.gte(1), z.lte(MAX_PHOTO_BYTES)),
  type: z.enum(PHOTO_TYPES),
});
export type KtpPhoto = z.infer<typeof KtpPhotoSchema>;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The type the first bytes say, or undefined when they are none of the stored types. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  const isRiff = startsWith(bytes, [0x52, 0x49, 0x46, 0x46]); // "RIFF" size "WEBP"
  if (isRiff && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** The size a photo is drawn at: its long edge at most `longEdge`, never enlarged, aspect kept. */
export function scaledSize(
  width: number,
  height: number,
  longEdge: number = PHOTO_LONG_EDGE_PX,
): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height, 1));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** JPEG qualities tried in order until one fits TARGET_PHOTO_BYTES; the last one is kept whatever it weighs. */
export const JPEG_QUALITY_STEPS = [0.82, 0.72, 0.62, 0.52, 0.42, 0.32] as const;

/**
 * The next step of compression after an attempt of `bytes` at `quality`: undefined when it fits, a
 * lower quality while one is left, and a smaller long edge (by 3/4) once quality is spent.
 */
export function nextCompressionStep(
  bytes: number,
  qualityIndex: number,
  longEdge: number,
): { qualityIndex: number; longEdge: number } | undefined {
  if (bytes <= TARGET_PHOTO_BYTES) return undefined;
  if (qualityIndex + 1 < JPEG_QUALITY_STEPS.length) return { qualityIndex: qualityIndex + 1, longEdge };
  const smaller = Math.floor((longEdge * 3) / 4);
  return smaller >= 400 ? { qualityIndex: 2, longEdge: smaller } : undefined;
}
