/**
 * KTP photos at the registry: stored once per (record, SHA-256), only for a record of the uploading
 * phone whose current version names that hash, and read back for the office. The route checks the
 * bytes (hash, size, type) before anything here runs.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { KtpPhotoSchema, type KtpPhoto, type PhotoType } from '../../shared/photo';

export type StorePhotoOutcome = 'stored' | 'already_stored' | 'not_found' | 'not_named';

export interface PhotoUpload {
  recordId: string;
  sha256: string;
  type: PhotoType;
  data: Uint8Array;
  deviceId: string;
  receivedAt: string;
}

/** The photo a stored record's JSON names, if it names a well-formed one. */
export function photoNamedBy(recordJson: string): KtpPhoto | undefined {
  const parsed = KtpPhotoSchema.safeParse((JSON.parse(recordJson) as { ktpPhoto?: unknown }).ktpPhoto);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Stores an upload. Idempotent: the same bytes again are `already_stored` and leave one row. Another
 * phone's record answers `not_found` (a phone learns nothing of records it did not make); a hash the
 * record's current version does not name is `not_named` (a photo replaced by a newer one).
 */
export async function storePhoto(db: Kysely<Database>, upload: PhotoUpload): Promise<StorePhotoOutcome> {
  const record = await db
    .selectFrom('registrations')
    .select(['data'])
    .where('id', '=', upload.recordId)
    .where('device_id', '=', upload.deviceId)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (!record) return 'not_found';
  if (photoNamedBy(record.data)?.sha256 !== upload.sha256) return 'not_named';
  const inserted = await db
    .insertInto('registration_photos')
    .values({
      registration_id: upload.recordId,
      sha256: upload.sha256,
      content_type: upload.type,
      bytes: upload.data.byteLength,
      data: upload.data,
      device_id: upload.deviceId,
      received_at: upload.receivedAt,
    })
    .onConflict((oc) => oc.columns(['registration_id', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'stored' : 'already_stored';
}

/** A stored photo's bytes and sniffed type. */
export async function readPhoto(db: Kysely<Database>, recordId: string, sha256: string) {
  const row = await db
    .selectFrom('registration_photos')
    .select(['content_type', 'data', 'received_at'])
    .where('registration_id', '=', recordId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) return undefined;
  return { type: row.content_type, data: Buffer.from(row.data), receivedAt: row.received_at };
}
