/**
 * Drafts: what the volunteer has typed but not saved, so it survives a closed tab, a crash or a
 * reboot. One row per form: 'new' for the new-registration form, the record id while editing one.
 * Saving a registration deletes its draft in the same transaction (see registrations.ts).
 * Draft writes never throw: the form autosaves every second and shows a storage problem instead.
 *
 * The KTP photo chosen in a form is kept with its draft as soon as it is chosen, so a tab the browser
 * kills while the camera app is open comes back with it. It is a row of `photos` (the bytes are already
 * there for saved records, and the erasure, the revoked phone's wipe and slimming delete a record's
 * rows by `recordId`, an open edit's draft photo with them) with:
 * - `id` = `draft/<draft id>`: one photo per draft, so two forms (two tabs, 'new' and an edit) never
 *   take each other's; a record's rows are `<uuid>/<sha256>`, never this;
 * - `state: 'draft'`: the upload queue, the sync bar's count and retention read `waiting` rows only,
 *   and the rescue backup reads no photo, so a draft photo is never uploaded nor backed up;
 * - `recordId` = the draft id ('new' is no record's id).
 * The save turns it into the record's row in its transaction (none is left behind); discarding the
 * draft deletes it with the draft.
 *
 * No Dexie import here (the form reads NEW_DRAFT_ID before the storage code loads).
 */
import { MAX_PHOTO_BYTES } from '../../shared/photo';
import type { JaringDb } from './database';
import { toStorageErrorCode, type StorageErrorCode } from './storage-errors';
import type { Draft, PhotoRow, TakenPhoto } from './types';

/** The draft id of the new-registration form. */
export const NEW_DRAFT_ID = 'new';

/** The `photos` row id of the photo kept with draft `draftId`. */
export const draftPhotoId = (draftId: string) => `draft/${draftId}`;

export type DraftWriteResult = { ok: true } | { ok: false; storageError: StorageErrorCode };

async function attempt(write: () => Promise<unknown>): Promise<DraftWriteResult> {
  try {
    await write();
    return { ok: true };
  } catch (error) {
    return { ok: false, storageError: toStorageErrorCode(error) };
  }
}

/** Stores the raw form values as typed (they must be structured-cloneable: plain data only). */
export function saveDraft(
  db: JaringDb,
  id: string,
  values: Record<string, unknown>,
  now: Date,
): Promise<DraftWriteResult> {
  return attempt(() => db.drafts.put({ id, values, updatedAt: now.toISOString() }));
}

export function loadDraft(db: JaringDb, id: string): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

/** Deletes the draft and the photo kept with it, together. */
export function discardDraft(db: JaringDb, id: string): Promise<DraftWriteResult> {
  return attempt(() =>
    db.transaction('rw', [db.drafts, db.photos], () =>
      Promise.all([db.drafts.delete(id), db.photos.delete(draftPhotoId(id))]),
    ),
  );
}

/** Every draft, most recently touched first (to offer "continue or discard" on return). */
export function listDrafts(db: JaringDb): Promise<Draft[]> {
  return db.drafts.orderBy('updatedAt').reverse().toArray();
}

/** A draft photo kept, or why not (`too_large`: the save would not store it either). */
export type DraftPhotoResult = DraftWriteResult | { ok: false; storageError: 'too_large' };

/** Keeps `photo` with draft `draftId`, replacing the one kept before. */
export async function keepDraftPhoto(
  db: JaringDb,
  draftId: string,
  photo: TakenPhoto,
  now: Date,
): Promise<DraftPhotoResult> {
  if (photo.blob.size > MAX_PHOTO_BYTES) return { ok: false, storageError: 'too_large' };
  const row: PhotoRow = {
    id: draftPhotoId(draftId),
    recordId: draftId,
    sha256: photo.sha256,
    type: photo.type,
    bytes: photo.blob.size,
    blob: photo.blob,
    version: 0,
    state: 'draft',
    attempts: 0,
    takenAt: now.toISOString(),
  };
  return attempt(() => db.photos.put(row));
}

/** The form no longer holds a new photo (dropped, or back to the record's own): nothing to keep. */
export function dropDraftPhoto(db: JaringDb, draftId: string): Promise<DraftWriteResult> {
  return attempt(() => db.photos.delete(draftPhotoId(draftId)));
}

/** The photo kept with draft `draftId` and when it was chosen; a damaged row counts as none. */
export async function loadDraftPhoto(
  db: JaringDb,
  draftId: string,
): Promise<{ photo: TakenPhoto; keptAt: string } | undefined> {
  const row = await db.photos.get(draftPhotoId(draftId));
  if (!row || row.state !== 'draft' || !(row.blob instanceof Blob)) return undefined;
  return { photo: { blob: row.blob, sha256: row.sha256, type: row.type }, keptAt: row.takenAt };
}
