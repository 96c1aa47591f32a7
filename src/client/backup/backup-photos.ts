/**
 * The KTP photos in a rescue backup (the file's `photos` section): each the bytes of the photo its record
 * names, base64 in the encrypted contents. On restore a photo is taken only if it is whole and is the
 * one its record names — its SHA-256, its sniffed type and its size all agree — so a restored record
 * never uploads bytes the registry would refuse; any photo that does not check out refuses the file,
 * as a damaged record does.
 */
import { z } from 'zod/mini';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, PhotoHashSchema, sniffPhotoType } from '../../shared/photo';
import type { Registration } from '../../shared/registration';
import { sha256HexOfBytes } from '../../shared/sha256';
import { listPhotosNamedBy, type JaringDb, type TakenPhoto } from '../db';
import { fromBase64, toBase64 } from './backup-file';

const BackupPhotoSchema = z.object({
  recordId: z.string().check(z.maxLength(64)),
  sha256: PhotoHashSchema,
  type: z.enum(PHOTO_TYPES),
  data: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});
export type BackupPhoto = z.infer<typeof BackupPhotoSchema>;

/** The photos the phone still holds for these records (one a record at most: the one it names). */
export async function photosForBackup(
  db: JaringDb,
  records: readonly Registration[],
): Promise<BackupPhoto[]> {
  const rows = await listPhotosNamedBy(db, records);
  return Promise.all(
    rows.map(async (row) => ({
      recordId: row.recordId,
      sha256: row.sha256,
      type: row.type,
      data: toBase64(new Uint8Array(await row.blob.arrayBuffer())),
    })),
  );
}

/** The hash the raw (not yet validated) record names; the records' own validation comes later. */
function namedHash(record: unknown): [string, string] | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { id, ktpPhoto } = record as { id?: unknown; ktpPhoto?: { sha256?: unknown } };
  return typeof id === 'string' && typeof ktpPhoto?.sha256 === 'string' ? [id, ktpPhoto.sha256] : undefined;
}

/** The file's photos by record id, or undefined when any of them does not check out. */
export function readBackupPhotos(
  entries: readonly unknown[] | undefined,
  records: readonly unknown[],
): Map<string, TakenPhoto> | undefined {
  const named = new Map(records.map(namedHash).filter((pair) => pair !== undefined));
  const photos = new Map<string, TakenPhoto>();
  for (const entry of entries ?? []) {
    const parsed = BackupPhotoSchema.safeParse(entry);
    if (!parsed.success) return undefined;
    const { recordId, sha256, type, data } = parsed.data;
    const bytes = fromBase64(data);
    const isNamed = named.get(recordId) === sha256 && !photos.has(recordId);
    const isWhole = bytes.length <= MAX_PHOTO_BYTES && sha256HexOfBytes(bytes) === sha256;
    if (!isNamed || !isWhole || sniffPhotoType(bytes) !== type) return undefined;
    photos.set(recordId, { blob: new Blob([bytes], { type }), sha256, type });
  }
  return photos;
}
