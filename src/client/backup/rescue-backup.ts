/**
 * Saving and restoring a rescue backup: the phone's side of backup-file.ts. Saving takes every record
 * the registry may not have yet (db/rescue.ts); restoring checks the file (magic, format, passphrase,
 * integrity), then that it comes from a phone of this phone's kelurahan, then writes all its records
 * in one transaction or none. The passphrase goes into the key derivation and nowhere else.
 */
import { listRecordsNotAtRegistry, restoreRecords, type JaringDb, type StorageErrorCode } from '../db';
import { loadCredentials } from '../sync/device-credentials';
import { backupFileName, decodeBackup, encodeBackup, type BackupReadFailure } from './backup-file';
import { photosForBackup, readBackupPhotos } from './backup-photos';

export interface SavedBackup {
  file: File;
  records: number;
  photos: number;
}

/** The phone's kelurahan as enrolled: a code, null (city-wide), or undefined (not enrolled). */
async function phoneKelurahan(db: JaringDb): Promise<string | null | undefined> {
  const credentials = await loadCredentials(db);
  return credentials ? (credentials.kelurahanKode ?? null) : undefined;
}

/** WebCrypto exists only in a secure context: over plain http no backup can be made or opened. */
export const canEncrypt = (): boolean => globalThis.isSecureContext !== false && !!globalThis.crypto?.subtle;

/** Builds the backup file of every record not yet at the registry (none: `records` is 0). */
export async function makeBackup(db: JaringDb, passphrase: string, now: Date): Promise<SavedBackup> {
  const [records, kelurahanKode] = await Promise.all([listRecordsNotAtRegistry(db), phoneKelurahan(db)]);
  const meta = { kelurahanKode: kelurahanKode ?? null, createdAt: now.toISOString() };
  const photos = await photosForBackup(db, records);
  const bytes = await encodeBackup({ records, photos }, meta, passphrase);
  // text/plain (the file is three lines of text): Android's share sheet takes it, not an unknown type.
  const file = new File([bytes], backupFileName(meta.kelurahanKode, now), { type: 'text/plain' });
  return { file, records: records.length, photos: photos.length };
}

export type RestoreFailure =
  | BackupReadFailure
  /** `backupKelurahan`: what the file says; `phoneKelurahan`: this phone's enrollment. */
  | 'other_kelurahan'
  | 'not_enrolled'
  | 'invalid_record'
  | 'conflicting_records'
  | 'storage';

export type RestoreOutcome =
  | { ok: true; restored: number; alreadyHere: number }
  | {
      ok: false;
      reason: RestoreFailure;
      backupKelurahan?: string | null;
      phoneKelurahan?: string | null;
      storageError?: StorageErrorCode;
    };

/**
 * Whether this phone may take a backup of `backupKelurahan`. A kelurahan's backup goes only to a phone
 * enrolled for that same kelurahan (the registry would flag every record otherwise), so an unenrolled
 * phone cannot take it yet. A backup of a city-wide phone, or a phone enrolled city-wide or with an
 * older registry that named no kelurahan, is taken: there is nothing to compare.
 */
function kelurahanRefusal(
  backupKelurahan: string | null,
  phone: string | null | undefined,
): RestoreFailure | undefined {
  if (backupKelurahan === null) return undefined;
  if (phone === undefined) return 'not_enrolled';
  return phone !== null && phone !== backupKelurahan ? 'other_kelurahan' : undefined;
}

/** Restores a backup file's records into this phone's outbox; nothing is written on any failure. */
export async function restoreBackup(
  db: JaringDb,
  bytes: Uint8Array,
  passphrase: string,
  now: Date,
): Promise<RestoreOutcome> {
  const read = await decodeBackup(bytes, passphrase);
  if (!read.ok) return read;
  const backupKelurahan = read.header.kelurahanKode;
  const phone = await phoneKelurahan(db);
  const refusal = kelurahanRefusal(backupKelurahan, phone);
  if (refusal) return { ok: false, reason: refusal, backupKelurahan, phoneKelurahan: phone ?? null };
  const { records, photos: photoEntries } = read.contents;
  const photos = readBackupPhotos(photoEntries, records);
  if (!photos) return { ok: false, reason: 'invalid_record' };
  const restored = await restoreRecords(db, records, now, photos);
  if (restored.ok) return restored;
  if (restored.reason === 'storage')
    return { ok: false, reason: 'storage', storageError: restored.storageError };
  return { ok: false, reason: restored.reason };
}
