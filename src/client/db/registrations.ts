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
import { normalizeRegistrationInput } from '../../shared/normalize';
import type { RegistrationFields } from '../../shared/registration';
import { nameSearchWords } from '../../shared/text';
import { validateRegistrationFields } from '../../shared/validation';
import type { JaringDb } from './database';
import { NEW_DRAFT_ID } from './drafts';
import { queueForSync } from './outbox';
import { withSearchKeys } from './search-keys';
import { isConstraintError, toStorageErrorCode, type StorageErrorCode } from './storage-errors';
import { isSlim, type PhoneRecord, type StoredRegistration } from './types';
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
  | { ok: true; record: StoredRegistration; warnings: FieldIssue[] }
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
function indexCopies(fields: RegistrationFields) {
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

/**
 * Runs `prepare` (reads only; it may refuse) and then writes the record, its outbox entry and the
 * draft removal in one rw transaction. The three writes are issued together: one IndexedDB round
 * trip, still both or neither. A NIK held by another record is refused by the `&nik` unique index
 * inside this transaction (ConstraintError, which rolls all three back); describeFailure then looks
 * the holder up so the volunteer is pointed to it. A refusal from `prepare` commits nothing.
 */
async function commitSave(
  db: JaringDb,
  target: { nik: string; id: string; draftId: string },
  warnings: FieldIssue[],
  prepare: () => Promise<Write | Refusal> | Write,
): Promise<SaveResult> {
  try {
    return await db.transaction('rw', [db.registrations, db.outbox, db.drafts], async () => {
      const write = await prepare();
      if ('reason' in write) return write;
      const { record, store } = write;
      await Promise.all([
        store === 'add' ? db.registrations.add(record) : db.registrations.put(record),
        queueForSync(db, record),
        db.drafts.delete(target.draftId),
      ]);
      return { ok: true as const, record, warnings };
    });
  } catch (error) {
    return describeFailure(db, error, target.nik, target.id);
  }
}

/** Saves a new registration as version 1, pending sync, and drops the new-registration draft. */
export async function saveNewRegistration(
  db: JaringDb,
  input: unknown,
  ctx: SaveContext,
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
  return commitSave(db, target, checked.warnings, () => ({ record, store: 'add' }));
}

/**
 * Saves an edit: version + 1, pending again, the registry's verdict on the old version cleared
 * (duplicate, syncErrors, serverReason); what the registry acknowledged earlier is kept.
 */
export async function updateRegistration(
  db: JaringDb,
  id: string,
  input: unknown,
  ctx: SaveContext,
): Promise<SaveResult> {
  const checked = checkInput(input, ctx.now);
  if (!checked.ok)
    return { ok: false, reason: 'invalid', errors: checked.errors, warnings: checked.warnings };
  const fields = checked.value;
  return commitSave(db, { nik: fields.nik, id, draftId: id }, checked.warnings, async () => {
    const existing = await db.registrations.get(id);
    // A slimmed record is the office's now: the phone no longer holds what an edit would start from.
    if (!existing || isSlim(existing)) return { ok: false, reason: 'not_found' };
    const { createdAt, createdDay, serverStatus, sentVersion, lastSyncedAt } = existing;
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
    });
    return { record: next, store: 'put' };
  });
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
