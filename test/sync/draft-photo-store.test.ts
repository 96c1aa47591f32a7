import 'fake-indexeddb/auto';
/**
 * The KTP photo kept with a draft (db/drafts.ts), on fake-indexeddb (in Node, where a stored Blob reads
 * back as a Blob): the save turns it into the record's
 * photo in its transaction and leaves no copy; discarding the draft deletes it; two drafts (two tabs, a
 * new form and an edit) keep their own photo; it is never uploaded, counted as waiting or backed up; the
 * office's erasure of a record takes its edit draft's photo too; a full phone is said, never thrown.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyStatusChanges,
  countWaitingPhotos,
  discardDraft,
  dropDraftPhoto,
  keepDraftPhoto,
  listRecordsNotAtRegistry,
  listUploadablePhotos,
  loadDraftPhoto,
  NEW_DRAFT_ID,
  saveDraft,
  saveNewRegistration,
  updateRegistration,
  type JaringDb,
  type SaveResult,
  type StoredRegistration,
} from '../../src/client/db';
import { MAX_PHOTO_BYTES } from '../../src/shared/photo';
import { takenPhoto } from '../fixtures/photos';
import { makeFields, NOW, uniquePerson } from '../fixtures/registrations';
import { freshPhoneDb } from './harness';

const contextAt = () => ({ now: new Date(NOW), newId: () => crypto.randomUUID() });

const AT = new Date(NOW);

function saved(result: SaveResult): StoredRegistration {
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result.record;
}

async function photoRows(db: JaringDb) {
  return (await db.photos.toArray()).map(({ id, recordId, state, sha256 }) => ({
    id,
    recordId,
    state,
    sha256,
  }));
}

describe('a photo kept with the draft', () => {
  let db: JaringDb;
  beforeEach(() => {
    db = freshPhoneDb();
  });

  it('comes back as it was chosen, and a later choice replaces it', async () => {
    expect(await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(1), AT)).toEqual({ ok: true });
    expect(await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(2), AT)).toEqual({ ok: true });
    const kept = await loadDraftPhoto(db, NEW_DRAFT_ID);
    expect(kept?.photo.sha256).toBe(takenPhoto(2).sha256);
    expect(kept?.keptAt).toBe(NOW);
    expect(kept!.photo.blob.size).toBe(takenPhoto(2).blob.size);
    expect(new Uint8Array(await kept!.photo.blob.arrayBuffer())).toEqual(
      new Uint8Array(await takenPhoto(2).blob.arrayBuffer()),
    );
    expect(await db.photos.count()).toBe(1);
    expect(await dropDraftPhoto(db, NEW_DRAFT_ID)).toEqual({ ok: true });
    expect(await loadDraftPhoto(db, NEW_DRAFT_ID)).toBeUndefined();
  });

  it('becomes the saved record’s photo in the save: one row, waiting, no draft copy left', async () => {
    const photo = takenPhoto(3);
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti' }, AT);
    await keepDraftPhoto(db, NEW_DRAFT_ID, photo, AT);
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt(), photo));
    expect(record.ktpPhoto?.sha256).toBe(photo.sha256);
    expect(await photoRows(db)).toEqual([
      { id: `${record.id}/${photo.sha256}`, recordId: record.id, state: 'waiting', sha256: photo.sha256 },
    ]);
    expect(await loadDraftPhoto(db, NEW_DRAFT_ID)).toBeUndefined();
    expect(await db.drafts.count()).toBe(0);
  });

  it('of an edit replaces the record’s photo in the save, the same bytes chosen again too', async () => {
    const first = takenPhoto(4);
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt(), first));
    await keepDraftPhoto(db, record.id, first, AT); // the same photo taken again
    const edit = saved(await updateRegistration(db, record.id, makeFields(), contextAt(), first));
    expect(edit.version).toBe(2);
    expect(await photoRows(db)).toEqual([
      { id: `${record.id}/${first.sha256}`, recordId: record.id, state: 'waiting', sha256: first.sha256 },
    ]);
  });

  it('goes with its discarded draft, and a draft of a photo alone leaves nothing behind', async () => {
    await saveDraft(db, NEW_DRAFT_ID, {}, AT);
    await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(5), AT);
    expect(await discardDraft(db, NEW_DRAFT_ID)).toEqual({ ok: true });
    expect(await db.photos.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
  });

  it('belongs to its own draft: a new form and an edit (two tabs) never take each other’s', async () => {
    const other = saved(await saveNewRegistration(db, makeFields(uniquePerson(6)), contextAt()));
    const newPhoto = takenPhoto(6);
    const editPhoto = takenPhoto(7);
    await keepDraftPhoto(db, NEW_DRAFT_ID, newPhoto, AT);
    await keepDraftPhoto(db, other.id, editPhoto, AT);

    const record = saved(await saveNewRegistration(db, makeFields(uniquePerson(8)), contextAt(), newPhoto));
    expect((await loadDraftPhoto(db, other.id))?.photo.sha256).toBe(editPhoto.sha256);
    expect(record.ktpPhoto?.sha256).toBe(newPhoto.sha256);

    await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(9), AT);
    await discardDraft(db, other.id);
    expect((await loadDraftPhoto(db, NEW_DRAFT_ID))?.photo.sha256).toBe(takenPhoto(9).sha256);
    expect(await loadDraftPhoto(db, other.id)).toBeUndefined();
  });

  it('is never uploaded, counted as waiting, or in a rescue backup', async () => {
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    await db.registrations.update(record.id, { sentVersion: 1, syncState: 'sent' });
    await keepDraftPhoto(db, record.id, takenPhoto(10), AT);
    await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(11), AT);
    expect(await listUploadablePhotos(db, 10)).toEqual([]);
    expect(await countWaitingPhotos(db)).toBe(0);
    const backup = await listRecordsNotAtRegistry(db);
    expect(JSON.stringify(backup)).not.toContain(takenPhoto(10).sha256);
  });

  it('of an edit goes when the office erases the record', async () => {
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    await keepDraftPhoto(db, record.id, takenPhoto(12), AT);
    await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(13), AT);
    const erased = {
      id: record.id,
      version: 1,
      serverStatus: 'rejected' as const,
      changedAt: NOW,
      erased: true,
    };
    expect(await applyStatusChanges(db, [erased])).toBe(1);
    expect(await loadDraftPhoto(db, record.id)).toBeUndefined();
    expect(await loadDraftPhoto(db, NEW_DRAFT_ID)).toBeDefined();
  });

  it('says a full phone or a photo too large, keeps nothing, and throws nothing', async () => {
    db.photos.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    expect(await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(14), AT)).toEqual({
      ok: false,
      storageError: 'quota',
    });
    expect(
      await keepDraftPhoto(db, NEW_DRAFT_ID, takenPhoto(15, 'image/jpeg', MAX_PHOTO_BYTES + 1), AT),
    ).toEqual({
      ok: false,
      storageError: 'too_large',
    });
    expect(await db.photos.count()).toBe(0);
  });
});
