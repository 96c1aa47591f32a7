/**
 * The rescue backup's storage side (the file itself is src/client/backup): which records a backup must
 * carry, and restoring them on another phone.
 *
 * Invariants:
 * - A backup carries every full record the registry has not acknowledged at its current version, or
 *   that still has an outbox entry (pending, claimed, parked): the same set a revoked phone keeps
 *   (retention.ts). A slimmed record is always at the registry and holds no personal data: never in one.
 * - A restore is all or nothing: every record is validated with the shared schema first, and all of
 *   them are written, with their outbox entries, in ONE rw transaction. A record that fails validation,
 *   or a file that holds one NIK twice, writes nothing.
 * - Ids and versions are kept, so the registry answers `unchanged` for what had already arrived and each
 *   record reaches it exactly once. Restored records are pending, like a fresh save.
 * - A record already on this phone is never overwritten by an older or equal copy: the same id with a
 *   lower or equal version, or the same NIK under another id, is skipped and counted as already there.
 *   The same id at a higher version in the file replaces the phone's copy (unless the phone's copy is
 *   slimmed: the office has it).
 */
import { isoDateOf } from '../../shared/dates';
import type { Registration } from '../../shared/registration';
import { validateRegistration } from '../../shared/validation';
import type { JaringDb } from './database';
import { toPushPayload } from './outbox-claims';
import { queueForSync } from './outbox';
import { indexCopies } from './registrations';
import { photoRowId, writePhotoOfRecord } from './photos';
import { isConstraintError, toStorageErrorCode, type StorageErrorCode } from './storage-errors';
import { isSlim, type PhoneRecord, type PhotoRow, type StoredRegistration, type TakenPhoto } from './types';

const isAtRegistry = (r: PhoneRecord) => r.sentVersion !== undefined && r.sentVersion >= r.version;

/** Every record the registry may not have yet, as the registry would receive it; oldest first. */
export async function listRecordsNotAtRegistry(db: JaringDb): Promise<Registration[]> {
  return db.transaction('r', [db.registrations, db.outbox], async () => {
    const queued = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
    const rows = await db.registrations
      .filter((r) => !isSlim(r) && (queued.has(r.id) || !isAtRegistry(r)))
      .toArray();
    return (rows as StoredRegistration[])
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(toPushPayload);
  });
}

/**
 * The photo rows these records name and still have to upload (the one each names, if the phone holds
 * it): a photo the registry refused would only be refused again, and a draft's photo is no record's.
 */
export async function listPhotosNamedBy(db: JaringDb, records: readonly Registration[]): Promise<PhotoRow[]> {
  const named = records.filter((r) => r.ktpPhoto);
  const rows = await db.photos.bulkGet(named.map((r) => photoRowId(r.id, r.ktpPhoto!.sha256)));
  return rows.filter((row): row is PhotoRow => row?.state === 'waiting');
}

export type RestoreResult =
  | { ok: true; restored: number; alreadyHere: number }
  /** `index`: the first record of the file that failed the shared validation. */
  | { ok: false; reason: 'invalid_record'; index: number }
  /** The file holds one NIK (or one id) twice: no phone writes such a file. */
  | { ok: false; reason: 'conflicting_records' }
  | { ok: false; reason: 'storage'; storageError: StorageErrorCode };

function toStored(record: Registration): StoredRegistration {
  return {
    ...record,
    ...indexCopies(record),
    createdDay: isoDateOf(new Date(record.createdAt)),
    syncState: 'pending',
  };
}

/** Validates every record; the first invalid one refuses the whole file. */
function validateAll(records: unknown[], today: string): Registration[] | { index: number } {
  const valid: Registration[] = [];
  for (const [index, record] of records.entries()) {
    const checked = validateRegistration(record, { today });
    if (!checked.ok) return { index };
    valid.push(checked.value);
  }
  return valid;
}

/** Which of the file's records to write: not on the phone yet, or newer than the phone's copy. */
async function choose(db: JaringDb, records: StoredRegistration[]): Promise<StoredRegistration[]> {
  const byId = await db.registrations.bulkGet(records.map((r) => r.id));
  const hashes = records.map((r) => r.nikHash!);
  const holders = await db.registrations.where('nikHash').anyOf(hashes).toArray();
  const holderOf = new Map(holders.map((h) => [h.nikHash, h.id]));
  return records.filter((record, i) => {
    const own = byId[i];
    if (own) return !isSlim(own) && own.version < record.version;
    const holder = holderOf.get(record.nikHash!);
    return holder === undefined;
  });
}

/**
 * Restores a backup's records (see the invariants above). `now` is the phone's clock. `photos`: the
 * file's KTP photos by record id, already checked against the hash their record names; each record
 * written takes its photo in the same transaction, waiting to be uploaded after it.
 */
export async function restoreRecords(
  db: JaringDb,
  records: unknown[],
  now: Date,
  photos: ReadonlyMap<string, TakenPhoto> = new Map(),
): Promise<RestoreResult> {
  const valid = validateAll(records, isoDateOf(now));
  if (!Array.isArray(valid)) return { ok: false, reason: 'invalid_record', index: valid.index };
  const stored = valid.map(toStored);
  if (new Set(stored.map((r) => r.id)).size !== stored.length) {
    return { ok: false, reason: 'conflicting_records' };
  }
  try {
    return await db.transaction('rw', [db.registrations, db.outbox, db.photos], async () => {
      const fresh = await choose(db, stored);
      await db.registrations.bulkPut(fresh);
      await Promise.all(fresh.map((record) => queueForSync(db, record)));
      await Promise.all(fresh.map((record) => writePhotoOfRecord(db, record, photos.get(record.id))));
      return { ok: true as const, restored: fresh.length, alreadyHere: stored.length - fresh.length };
    });
  } catch (error) {
    // The `&nik` / `&nikHash` indexes refuse a file with one NIK twice; nothing was written.
    if (isConstraintError(error)) return { ok: false, reason: 'conflicting_records' };
    return { ok: false, reason: 'storage', storageError: toStorageErrorCode(error) };
  }
}
