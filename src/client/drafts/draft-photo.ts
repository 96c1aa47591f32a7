/**
 * The form's KTP photo kept with its draft (db/drafts.ts): written as soon as the photo is chosen, so a
 * tab the browser kills while the camera app is open comes back with it; dropped when the form no
 * longer holds a new photo. Each write is counted with the draft writes (draft-autosave.ts), so the
 * update prompt's flush and a save wait for it. Never throws: a photo that could not be kept is said
 * in the form, which goes on (the photo is still in memory and saved with the record).
 */
import type { DraftPhotoResult, JaringDb, PhotoChange } from '../db';
import { loadStore } from '../shell/services';
import { trackDraftWrite } from './draft-autosave';

/** Keeps a newly chosen photo with draft `draftId`, or (anything else) drops the one kept. */
export function keepPhotoWithDraft(
  getDb: () => Promise<JaringDb>,
  draftId: string,
  photo: PhotoChange,
  now: () => Date,
): Promise<DraftPhotoResult> {
  const write = async (): Promise<DraftPhotoResult> => {
    try {
      const [db, store] = await Promise.all([getDb(), loadStore()]);
      return photo && photo !== 'remove'
        ? await store.keepDraftPhoto(db, draftId, photo, now())
        : await store.dropDraftPhoto(db, draftId);
    } catch {
      return { ok: false, storageError: 'unknown' }; // the storage code or database did not open
    }
  };
  return trackDraftWrite(write());
}
