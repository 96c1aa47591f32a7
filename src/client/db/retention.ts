/**
 * How long the phone keeps people's data (UU PDP; issue: "the phone keeps too much for too long").
 *
 * On `device_revoked` the phone is no longer trusted with the city's data: every record the registry
 * already holds (acknowledged at its current version, nothing queued) is deleted from the phone, with
 * any edit draft of it, in one transaction. Records not yet at the registry (an outbox entry in any
 * state: pending, claimed, parked) are kept, so nothing unsent is lost: they go with the next push once
 * the phone is enrolled again with a new code. What was done is noted in meta for the screen to say.
 */
import type { JaringDb } from './database';
import { setMeta } from './meta';

export const REVOKED_WIPE_KEY = 'revokedWipe';

export interface RevokedWipe {
  /** ISO time of the wipe. */
  at: string;
  /** Records deleted because the registry holds them. */
  wiped: number;
  /** Records kept because they are not at the registry yet. */
  kept: number;
}

export function forgetRecordsAtRegistry(db: JaringDb, nowIso: string): Promise<RevokedWipe> {
  return db.transaction('rw', [db.registrations, db.outbox, db.drafts, db.meta], async () => {
    const queued = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
    const atRegistry = await db.registrations
      .filter((r) => !queued.has(r.id) && r.sentVersion !== undefined && r.sentVersion >= r.version)
      .primaryKeys();
    const total = await db.registrations.count();
    await Promise.all([db.registrations.bulkDelete(atRegistry), db.drafts.bulkDelete(atRegistry)]);
    const wipe = { at: nowIso, wiped: atRegistry.length, kept: total - atRegistry.length };
    await setMeta(db, REVOKED_WIPE_KEY, wipe);
    return wipe;
  });
}
