/**
 * Saving registrations: validate, then write the record and its outbox entry in ONE rw transaction
 * (and drop the draft it came from). Both or neither: if anything inside the transaction fails,
 * IndexedDB rolls all of it back and the caller gets a typed result.
 *
 * A NIK already on this phone is refused by the `&nik` unique index inside that same transaction (so
 * two tabs saving the same NIK are serialised by IndexedDB and one of them fails); its ConstraintError
 * is reported as duplicate_nik, with a pointer to the holder looked up after the failure. There is no
 * read before the write: it would cost every save a round trip to catch what the index catches anyway.
 */
import { isoDateOf } from '../../shared/dates';
import type { FieldIssue } from '../../shared/issues';
import { normalizeNikInput } from '../../shared/nik';
import { MAX_PHOTO_BYTES } from '../../shared/photo';
import { normalizeRegistrationInput } from '../../shared/normalize';
import type { RegistrationFields } from '../../shared/registration';
import { nameSearchWords } from '../../shared/text';
import { validateRegistrationFields } from '../../shared/validation';
import type { JaringDb } from './database';
import { draftPhotoId, NEW_DRAFT_ID } from './drafts';
import { queueForSync } from './outbox';
import { photoRefOf, writePhotoOfRecord } from './photos';
import { withSearchKeys } from './search-keys';
import { isConstraintError, toStorageErrorCode, type StorageErrorCode } from './storage-errors';
import { isSlim, type PhoneRecord, type StoredRegistration, type TakenPhoto } from './types';
import { sha256Hex } from '../../shared/sha256';

/** The clock and id generator, passed in so saves are deterministic in tests. */
export interface SaveContext {
  now: Date;
  newId: () => string;
}

/** Enough to point the volunteer at the record that already holds the NIK. */
export interface ExistingRecordPointer {
  id: string;
  fullName: string;
  kelurahanKode: string;
}

export type DuplicateNikResult = { ok: false; reason: 'duplicate_nik'; existing: ExistingRecordPointer };
export type SaveResult =
  | {
      ok: true;
      record: StoredRegistration;
      warnings: FieldIssue[];
      /** The record was saved without the new photo: storage refused it (`quota`…) or it is too large. */
      photoError?: StorageErrorCode | 'too_large';
    }
  | { ok: false; reason: 'invalid'; errors: FieldIssue[]; warnings: FieldIssue[] }
  | DuplicateNikResult
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'storage'; storageError: StorageErrorCode };

type Refusal = Extract<SaveResult, { reason: 'duplicate_nik' | 'not_found' }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function checkInput(input: unknown, now: Date) {
  const normalized = normalizeRegistrationInput(isObject(input) ? input : {});
  return validateRegistrationFields(normalized, { today: isoDateOf(now) });
}

function duplicateOf(record: PhoneRecord): DuplicateNikResult {
  const { id, fullName, kelurahanKode } = record;
  return { ok: false, reason: 'duplicate_nik', existing: { id, fullName, kelurahanKode } };
}

/** The copies made for the indexes; recomputed on every write so they never drift from the fields. */
export function indexCopies(fields: RegistrationFields) {
  return {
    kelurahanKode: fields.address.kelurahanKode,
    nameWords: nameSearchWords(fields.fullName),
    nikHash: sha256Hex(fields.nik),
  };
}

/**
 * Another record holding this NIK, if any: read after a ConstraintError, to point to the holder. A
 * slimmed holder keeps only the NIK's hash (`&nikHash` refused the save).
 */
async function findClash(db: JaringDb, nik: string, ownId: string): Promise<PhoneRecord | undefined> {
  const holder =
    (await db.registrations.where('nik').equals(nik).first()) ??
    (await db.registrations.where('nikHash').equals(sha256Hex(nik)).first());
  return holder && holder.id !== ownId ? holder : undefined;
}

async function describeFailure(
  db: JaringDb,
  error: unknown,
  nik: string,
  ownId: string,
): Promise<SaveResult> {
  if (isConstraintError(error)) {
    const clash = await findClash(db, nik, ownId).catch(() => undefined);
    if (clash) return duplicateOf(clash);
  }
  return { ok: false, reason: 'storage', storageError: toStorageErrorCode(error) };
}

/** The record to write and how: `add` for a new one (a reused id must fail, never overwrite), else `put`. */
interface Write {
  record: StoredRegistration;
  store: 'add' | 'put';
}

/** What a save does with the photo: name a newly taken one, drop it, or (undefined) keep what it names. */
export type PhotoChange = TakenPhoto | 'remove' | undefined;

function withPhoto(record: StoredRegistration, change: PhotoChange): StoredRegistration {
  if (change === undefined) return record;
  const { ktpPhoto: _old, ...rest } = record;
  return change === 'remove' ? rest : { ...rest, ktpPhoto: photoRefOf(change) };
}

/**
 * Runs `prepare` (reads only; it may refuse) and then writes the record, its outbox entry, its photo
 * and the draft removal in one rw transaction. The writes are issued together: one IndexedDB round
 * trip, all or none. A NIK held by another record is refused by the `&nik` unique index inside this
 * transaction (ConstraintError, which rolls everything back); describeFailure then looks the holder up
 * so the volunteer is pointed to it. A refusal from `prepare` commits nothing.
 */
async function commitSave(
  db: JaringDb,
  target: { nik: string; id: string; draftId: string },
  warnings: FieldIssue[],
  prepare: () => Promise<Write | Refusal> | Write,
  photo: PhotoChange,
): Promise<SaveResult> {
  try {
    const tables = [db.registrations, db.outbox, db.drafts, db.photos];
    return await db.transaction('rw', tables, async () => {
      const write = await prepare();
      if ('reason' in write) return write;
      const record = withPhoto(write.record, photo);
      await Promise.all([
        write.store === 'add' ? db.registrations.add(record) : db.registrations.put(record),
        queueForSync(db, record),
        // A new record's id is fresh, so it has no photo rows to drop: only a taken photo is written.
        write.store === 'add' && (photo === undefined || photo === 'remove')
          ? undefined
          : writePhotoOfRecord(db, record, photo === 'remove' ? undefined : photo),
        db.drafts.delete(target.draftId),
        // The photo kept with the draft was handed in as `photo` (now the record's row) or dropped.
        db.photos.delete(draftPhotoId(target.draftId)),
      ]);
      return { ok: true as const, record, warnings };
    });
  } catch (error) {
    return describeFailure(db, error, target.nik, target.id);
  }
}

/**
 * commitSave, and when storage refuses the save with a new photo (the phone is full: a photo weighs
 * a thousand records), the record alone again: the person's data is never lost to their photo.
 */
async function commitSaveKeepingRecord(
  db: JaringDb,
  target: { nik: string; id: string; draftId: string },
  warnings: FieldIssue[],
  prepare: () => Promise<Write | Refusal> | Write,
  photo: PhotoChange,
): Promise<SaveResult> {
  if (photo !== undefined && photo !== 'remove' && photo.blob.size > MAX_PHOTO_BYTES) {
    // The registry would refuse the record naming it; compression keeps photos far below this.
    const alone = await commitSave(db, target, warnings, prepare, undefined);
    return alone.ok ? { ...alone, photoError: 'too_large' } : alone;
  }
  const result = await commitSave(db, target, warnings, prepare, photo);
  if (result.ok || result.reason !== 'storage' || photo === undefined || photo === 'remove') return result;
  const withoutPhoto = await commitSave(db, target, warnings, prepare, undefined);
  return withoutPhoto.ok ? { ...withoutPhoto, photoError: result.storageError } : withoutPhoto;
}

/** Saves a new registration as version 1, pending sync, and drops the new-registration draft. */
export async function saveNewRegistration(
  db: JaringDb,
  input: unknown,
  ctx: SaveContext,
  photo?: TakenPhoto,
): Promise<SaveResult> {
  const checked = checkInput(input, ctx.now);
  if (!checked.ok)
    return { ok: false, reason: 'invalid', errors: checked.errors, warnings: checked.warnings };
  const fields = checked.value;
  const nowIso = ctx.now.toISOString();
  // With its search keys, as the database writes it: the record returned is the one stored.
  const record: StoredRegistration = withSearchKeys({
    ...fields,
    ...indexCopies(fields),
    id: ctx.newId(),
    createdAt: nowIso,
    updatedAt: nowIso,
    createdDay: isoDateOf(ctx.now),
    version: 1,
    syncState: 'pending',
  });
  const target = { nik: record.nik, id: record.id, draftId: NEW_DRAFT_ID };
  // No duplicate-NIK read first: the unique index refuses a clash in the same transaction.
  const write = () => ({ record, store: 'add' as const });
  return commitSaveKeepingRecord(db, target, checked.warnings, write, photo);
}

/**
 * Saves an edit: version + 1, pending again, the registry's verdict on the old version cleared
 * (duplicate, syncErrors, serverReason); what the registry acknowledged earlier is kept, and so is the
 * photo unless `photo` names a new one (a retake: a new version naming new bytes) or removes it.
 */
export async function updateRegistration(
  db: JaringDb,
  id: string,
  input: unknown,
  ctx: SaveContext,
  photo?: PhotoChange,
): Promise<SaveResult> {
  const checked = checkInput(input, ctx.now);
  if (!checked.ok)
    return { ok: false, reason: 'invalid', errors: checked.errors, warnings: checked.warnings };
  const fields = checked.value;
  const target = { nik: fields.nik, id, draftId: id };
  return commitSaveKeepingRecord(db, target, checked.warnings, prepareEdit, photo);

  async function prepareEdit(): Promise<Write | Refusal> {
    const existing = await db.registrations.get(id);
    // A slimmed record is the office's now: the phone no longer holds what an edit would start from.
    if (!existing || isSlim(existing)) return { ok: false, reason: 'not_found' };
    const { createdAt, createdDay, serverStatus, sentVersion, lastSyncedAt, ktpPhoto } = existing;
    const next: StoredRegistration = withSearchKeys({
      ...fields,
      ...indexCopies(fields),
      id,
      createdAt,
      createdDay,
      updatedAt: ctx.now.toISOString(),
      version: existing.version + 1,
      syncState: 'pending',
      ...(serverStatus && { serverStatus }),
      ...(sentVersion !== undefined && { sentVersion }),
      ...(lastSyncedAt && { lastSyncedAt }),
      ...(ktpPhoto && { ktpPhoto }),
    });
    return { record: next, store: 'put' };
  }
}

export function getRegistration(db: JaringDb, id: string): Promise<PhoneRecord | undefined> {
  return db.registrations.get(id);
}

/** Looks a NIK up as typed ("3573 0157…" or with dots finds the same record). */
export async function findByNik(db: JaringDb, nik: string): Promise<PhoneRecord | undefined> {
  const digits = normalizeNikInput(nik);
  return (
    (await db.registrations.where('nik').equals(digits).first()) ??
    db.registrations.where('nikHash').equals(sha256Hex(digits)).first()
  );
}
