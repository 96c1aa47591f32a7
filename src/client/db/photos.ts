/**
 * KTP photos on the phone (schema v4 `photos`): written with their record, uploaded after it, deleted
 * once the registry has them.
 *
 * Invariants:
 * 1. A record names at most one photo (`ktpPhoto`), and the phone holds at most that one row for it: a
 *    save that names a new photo deletes the record's other rows in the same transaction.
 * 2. A photo is uploaded only once the registry acknowledged a version naming it (`sentVersion` ≥ the
 *    row's `version`, and the record still names it), so the registry can always check that the
 *    record names the bytes; a record is never held back by its photo.
 * 3. The row (and its Blob) goes only when the registry said it stored the bytes (201, or 200 for
 *    bytes it already had), when the record goes (erasure, a revoked phone's wipe) or is slimmed.
 */
import Dexie from 'dexie';
import type { KtpPhoto } from '../../shared/photo';
import type { JaringDb } from './database';
import { getMeta, setMeta } from './meta';
import {
  isSlim,
  type PhotoRejection,
  type PhotoRow,
  type StoredRegistration,
  type TakenPhoto,
} from './types';

export const photoRowId = (recordId: string, sha256: string) => `${recordId}/${sha256}`;

/** `meta` key: the office requires a KTP photo with every registration (from the last pull). */
export const PHOTO_REQUIRED_KEY = 'office.requireKtpPhoto';

/** Whether the office requires a photo; false until a pull said otherwise. */
export async function isPhotoRequired(db: JaringDb): Promise<boolean> {
  return (await getMeta<boolean>(db, PHOTO_REQUIRED_KEY)) === true;
}

/** Keeps what the last pull said (an older registry says nothing: the last value stays). */
export async function storePhotoRequirement(db: JaringDb, isRequired: boolean | undefined): Promise<void> {
  if (isRequired !== undefined && isRequired !== (await isPhotoRequired(db)))
    await setMeta(db, PHOTO_REQUIRED_KEY, isRequired);
}

export function photoRefOf(photo: TakenPhoto): KtpPhoto {
  return { sha256: photo.sha256, bytes: photo.blob.size, type: photo.type };
}

/**
 * Inside the save transaction: the record's photo rows become the one it names now. A kept photo keeps
 * its row (and its upload state); a new one gets a waiting row; every other row of the record goes.
 */
export async function writePhotoOfRecord(
  db: JaringDb,
  record: StoredRegistration,
  taken: TakenPhoto | undefined,
): Promise<void> {
  const named = record.ktpPhoto?.sha256;
  const stale = await db.photos
    .where('recordId')
    .equals(record.id)
    .filter((row) => row.sha256 !== named)
    .primaryKeys();
  const writes: Array<Promise<unknown>> = [db.photos.bulkDelete(stale)];
  if (taken && taken.sha256 === named) {
    const row: PhotoRow = {
      id: photoRowId(record.id, taken.sha256),
      recordId: record.id,
      sha256: taken.sha256,
      type: taken.type,
      bytes: taken.blob.size,
      blob: taken.blob,
      version: record.version,
      state: 'waiting',
      attempts: 0,
      takenAt: record.updatedAt,
    };
    writes.push(db.photos.put(row));
  }
  await Promise.all(writes);
}

/** Deletes every photo of these records; call inside a rw transaction over `photos`. */
export async function deletePhotosOf(db: JaringDb, recordIds: readonly string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await db.photos.where('recordId').anyOf(recordIds).delete();
}

/** The ids of every waiting photo, oldest first, read from the index alone (no Blob is loaded). */
async function waitingPhotoIds(db: JaringDb): Promise<string[]> {
  const keys = await db.photos
    .where('[state+takenAt]')
    .between(['waiting', Dexie.minKey], ['waiting', Dexie.maxKey])
    .primaryKeys();
  return keys as string[];
}

const recordIdOf = (photoId: string) => photoId.slice(0, photoId.lastIndexOf('/'));

/** Records with a photo still to upload: retention leaves them whole until the registry has it. */
export async function recordsWithWaitingPhoto(db: JaringDb, recordIds: readonly string[]) {
  if (recordIds.length === 0) return new Set<string>();
  const asked = new Set(recordIds);
  return new Set((await waitingPhotoIds(db)).map(recordIdOf).filter((id) => asked.has(id)));
}

export interface UploadablePhoto {
  recordId: string;
  sha256: string;
  type: PhotoRow['type'];
  blob: Blob;
}

/**
 * Up to `limit` waiting photos whose record the registry holds at a version naming them, oldest first.
 * One read-only transaction. Candidates come from the index and the records alone (the photo the record
 * names, and a record the registry has acknowledged at some version); only their rows, `limit` at a
 * time, are read, since each holds a Blob of up to 250 KB and an offline phone may hold hundreds.
 */
export function listUploadablePhotos(db: JaringDb, limit: number): Promise<UploadablePhoto[]> {
  return db.transaction('r', [db.photos, db.registrations], async () => {
    const ids = await waitingPhotoIds(db);
    const records = await db.registrations.bulkGet(ids.map(recordIdOf));
    const sentVersions = new Map<string, number>();
    const candidates = ids.filter((id, i) => {
      const record = records[i];
      if (!record || isSlim(record) || !record.ktpPhoto || !record.sentVersion) return false;
      sentVersions.set(record.id, record.sentVersion);
      return id === photoRowId(record.id, record.ktpPhoto.sha256);
    });
    const chosen: UploadablePhoto[] = [];
    for (let at = 0; at < candidates.length && chosen.length < limit; at += limit) {
      for (const row of await db.photos.bulkGet(candidates.slice(at, at + limit))) {
        const isAcknowledged = row && (sentVersions.get(row.recordId) ?? 0) >= row.version;
        if (!row || row.state !== 'waiting' || !isAcknowledged || chosen.length >= limit) continue;
        chosen.push({ recordId: row.recordId, sha256: row.sha256, type: row.type, blob: row.blob });
      }
    }
    return chosen;
  });
}

/** The registry stored the photo: its row and Blob go. */
export async function acknowledgePhoto(db: JaringDb, recordId: string, sha256: string): Promise<void> {
  await db.photos.delete(photoRowId(recordId, sha256));
}

/** The registry refused the bytes for good: the row stays, parked, for the record's detail to say so. */
export async function rejectPhoto(
  db: JaringDb,
  recordId: string,
  sha256: string,
  rejection: PhotoRejection,
): Promise<void> {
  await db.photos.update(photoRowId(recordId, sha256), { state: 'rejected', rejection });
}

/** One more try failed for a passing reason; the engine's backoff decides when the next one is. */
export async function notePhotoAttempt(db: JaringDb, recordId: string, sha256: string): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    const row = await db.photos.get(photoRowId(recordId, sha256));
    if (row) await db.photos.put({ ...row, attempts: row.attempts + 1 });
  });
}

/** What the record's detail shows: the photo it names, while the phone still holds it. */
export async function getRecordPhoto(db: JaringDb, recordId: string): Promise<PhotoRow | undefined> {
  const record = await db.registrations.get(recordId);
  const named = record && !isSlim(record) ? record.ktpPhoto?.sha256 : undefined;
  return named ? db.photos.get(photoRowId(recordId, named)) : undefined;
}

/** How many photos wait for the registry (for tests and the sync bar). */
export function countWaitingPhotos(db: JaringDb): Promise<number> {
  return db.photos
    .where('[state+takenAt]')
    .between(['waiting', Dexie.minKey], ['waiting', Dexie.maxKey])
    .count();
}
