/**
 * Puts a saved record in the outbox. Called only inside the save transaction, so a record and its
 * outbox entry are written together or not at all.
 *
 * Invariant: at most one entry per record (key = recordId). A newer version replaces the older entry,
 * whatever its state: a 'parked' entry gets a fresh start, and a 'claimed' one (a push in flight) is
 * replaced by a pending entry for the new version. The sync side must therefore apply a push result
 * only when the entry's version still equals the pushed version.
 */
import Dexie from 'dexie';
import type { JaringDb } from './database';
import type { OutboxEntry, StoredRegistration } from './types';

export const OUTBOX_PAYLOAD_VERSION = 1;

export function makeOutboxEntry(record: StoredRegistration): OutboxEntry {
  return {
    recordId: record.id,
    version: record.version,
    payloadVersion: OUTBOX_PAYLOAD_VERSION,
    state: 'pending',
    leaseUntil: 0,
    attempts: 0,
    // The record's own write time: the clock is read once, by the caller of the save.
    enqueuedAt: record.updatedAt,
  };
}

/** Writes or replaces the outbox entry for this record. Must run inside a rw transaction over `outbox`. */
export async function queueForSync(db: JaringDb, record: StoredRegistration): Promise<void> {
  const tx = Dexie.currentTransaction;
  if (tx?.mode !== 'readwrite' || !tx.storeNames.includes(db.outbox.name)) {
    throw new Error('queueForSync must run inside the rw transaction that writes the record');
  }
  await db.outbox.put(makeOutboxEntry(record));
}
