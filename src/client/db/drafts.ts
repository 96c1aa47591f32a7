/**
 * Drafts: what the volunteer has typed but not saved, so it survives a closed tab, a crash or a
 * reboot. One row per form: 'new' for the new-registration form, the record id while editing one.
 * Saving a registration deletes its draft in the same transaction (see registrations.ts).
 * Draft writes never throw: the form autosaves every second and shows a storage problem instead.
 */
import type { JaringDb } from './database';
import { toStorageErrorCode, type StorageErrorCode } from './storage-errors';
import type { Draft } from './types';

/** The draft id of the new-registration form. */
export const NEW_DRAFT_ID = 'new';

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

export function discardDraft(db: JaringDb, id: string): Promise<DraftWriteResult> {
  return attempt(() => db.drafts.delete(id));
}

/** Every draft, most recently touched first (to offer "continue or discard" on return). */
export function listDrafts(db: JaringDb): Promise<Draft[]> {
  return db.drafts.orderBy('updatedAt').reverse().toArray();
}
