/**
 * What the sync bar and the "perlu perhatian" list read from the outbox and registrations, and the two
 * writes that list offers: removing this phone's copy of a person the registry already has (duplicate
 * NIK), and sending a record held for the office again. Used by src/client/sync; the claim/apply transactions are in outbox-queue.ts.
 */
import type { JaringDb } from './database';
import { oldestInState } from './outbox-claims';
import { deletePhotosOf } from './photos';
import { isSlim, type StoredRegistration } from './types';

export interface OutboxCounts {
  /** Pending or in flight. */
  waiting: number;
  /** Waiting for the volunteer (duplicate NIK, invalid). */
  parked: number;
}

export function countOutbox(db: JaringDb): Promise<OutboxCounts> {
  return db.transaction('r', db.outbox, async () => {
    // One range count per state: IndexedDB counts an index range natively, whereas anyOf() makes
    // Dexie walk a cursor over every entry (per batch of a sync, which made a long queue quadratic).
    const [pending, claimed, parked] = await Promise.all(
      (['pending', 'claimed', 'parked'] as const).map((state) => oldestInState(db, state).count()),
    );
    return { waiting: pending! + claimed!, parked: parked! };
  });
}

/** When the oldest record still waiting was saved (ISO), for the "not sent for days" warning. */
export async function oldestWaitingSince(db: JaringDb): Promise<string | undefined> {
  const [pending, claimed] = await db.transaction('r', db.outbox, () =>
    Promise.all([oldestInState(db, 'pending').first(), oldestInState(db, 'claimed').first()]),
  );
  const times = [pending?.enqueuedAt, claimed?.enqueuedAt].filter((at): at is string => at !== undefined);
  return times.sort()[0];
}

/**
 * Every record the volunteer must act on (needs_fix, duplicate, needs_office), newest first. All of them: it is the
 * volunteer's to-do list and its count is shown; a limit taken before sorting (index order) used to hide
 * needs_fix records behind the duplicates and stop the count at the limit.
 */
export function listNeedingAttention(db: JaringDb): Promise<StoredRegistration[]> {
  return db.registrations
    .where('syncState')
    .anyOf('needs_fix', 'duplicate', 'needs_office')
    .toArray()
    .then((rows) =>
      // A slimmed record is one the office has: never on the to-do list.
      rows
        .filter((r): r is StoredRegistration => !isSlim(r))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)),
    );
}

/**
 * Removes this phone's copy of a record the registry already holds under another record (duplicate
 * NIK), with its outbox entry, draft and photos. Only for 'duplicate': every other record has data the
 * registry may not have yet. Returns whether it removed anything.
 */
export function discardDuplicateCopy(db: JaringDb, id: string): Promise<boolean> {
  return db.transaction('rw', [db.registrations, db.outbox, db.drafts, db.photos], async () => {
    const record = await db.registrations.get(id);
    if (record?.syncState !== 'duplicate') return false;
    await Promise.all([
      db.registrations.delete(id),
      db.outbox.delete(id),
      db.drafts.delete(id),
      // Its photo too (and an edit draft's): a waiting row without its record would wait forever.
      deletePhotosOf(db, [id]),
    ]);
    return true;
  });
}

/**
 * Sends a record held for the office ('needs_office') again: its parked entry goes back to pending, the
 * record to 'pending'. Only for that state: every other parked record waits for an edit. Returns
 * whether it re-queued anything.
 */
export function retryHeldRecord(db: JaringDb, id: string): Promise<boolean> {
  return db.transaction('rw', [db.registrations, db.outbox], async () => {
    const [record, entry] = await Promise.all([db.registrations.get(id), db.outbox.get(id)]);
    if (record?.syncState !== 'needs_office' || entry?.state !== 'parked') return false;
    await Promise.all([
      db.registrations.put({ ...record, syncState: 'pending' }),
      db.outbox.put({ ...entry, state: 'pending', leaseUntil: 0 }),
    ]);
    return true;
  });
}
