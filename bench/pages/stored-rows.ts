/**
 * StoredRegistration rows built directly (what the app's save path would write), for filling large
 * databases with raw bulk puts, and their outbox entries.
 */
import { makeOutboxEntry, type OutboxEntry, type StoredRegistration } from '../../src/client/db';
import { isoDateOf } from '../../src/shared/dates';
import type { RegistrationFields } from '../../src/shared/registration';
import { sha256Hex } from '../../src/shared/sha256';
import { nameSearchWords } from '../../src/shared/text';

/** The row of a saved, still pending record; `at` spreads updatedAt so "newest first" has an order. */
export function toStoredRow(fields: RegistrationFields, id: string, at: Date): StoredRegistration {
  const iso = at.toISOString();
  return {
    ...fields,
    id,
    createdAt: iso,
    updatedAt: iso,
    version: 1,
    kelurahanKode: fields.address.kelurahanKode,
    nameWords: nameSearchWords(fields.fullName),
    nikHash: sha256Hex(fields.nik),
    createdDay: isoDateOf(at),
    syncState: 'pending',
  };
}

export function toOutboxEntry(row: StoredRegistration): OutboxEntry {
  return makeOutboxEntry(row);
}
