/**
 * Saving the form: turn the raw values into the registration input (consent time = now), call the
 * repository, and translate its typed result into what the form shows. Side effects after a
 * successful commit only (asking for persistent storage).
 */
import type { PhotoChange, SaveResult } from '../db';
import { draftWritesSettled } from '../drafts/draft-autosave';
import { loadStore, type AppServices } from '../shell/services';
import { requestPersistenceOnce } from '../settings/storage-persistence';
import { requestSync } from '../sync/request-sync';
import type { FormValues } from './form-values';
import { toRegistrationInput } from './form-values';
import type { SaveOutcome } from './SaveNotice';

function toOutcome(result: SaveResult): SaveOutcome {
  if (result.ok) {
    const { id, fullName: name } = result.record;
    return { kind: 'saved', id, name, ...(result.photoError && { photoError: result.photoError }) };
  }
  switch (result.reason) {
    case 'invalid':
      return { kind: 'errors', count: result.errors.length };
    case 'duplicate_nik':
      return { kind: 'duplicate', id: result.existing.id, name: result.existing.fullName };
    case 'not_found':
      return { kind: 'not_found' };
    case 'storage':
      return { kind: 'storage', code: result.storageError };
  }
}

/**
 * Saves a new record, or a new version of `recordId`. Never rejects: whatever throws on the way (the
 * storage code failing to load, an id source missing on an insecure page) becomes `failed`, so the
 * form always leaves "Menyimpan…" and keeps what was typed.
 */
export async function submitRegistration(
  services: AppServices,
  values: FormValues,
  recordId: string | undefined,
  photo?: PhotoChange,
): Promise<SaveOutcome> {
  try {
    return await saveRegistration(services, values, recordId, photo);
  } catch {
    return { kind: 'failed' };
  }
}

async function saveRegistration(
  services: AppServices,
  values: FormValues,
  recordId: string | undefined,
  photo: PhotoChange,
): Promise<SaveOutcome> {
  const { now, newId } = services;
  const [db, store] = await Promise.all([services.getDb(), loadStore(), draftWritesSettled()]);
  const ctx = { now: now(), newId };
  const input = toRegistrationInput(values, ctx.now.toISOString());
  const result = recordId
    ? await store.updateRegistration(db, recordId, input, ctx, photo)
    : await store.saveNewRegistration(db, input, ctx, photo === 'remove' ? undefined : photo);
  if (result.ok) void requestPersistenceOnce(db).catch(() => undefined);
  if (result.ok) requestSync('save'); // after the commit: the outbox entry is on disk
  return toOutcome(result);
}
