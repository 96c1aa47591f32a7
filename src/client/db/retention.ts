/**
 * How long the phone keeps people's data (UU PDP; issue: "the phone keeps too much for too long").
 *
 * A record the office has is slimmed to what the volunteer's list needs (db/slim.ts): at once when it is
 * verified (applyStatusChanges), and `retentionDays` (the office's setting, in every pull) after the
 * registry accepted its current version if nothing is queued for it (slimRecordsPastRetention, after
 * each pull). A record with an outbox entry, or a KTP photo still to upload, is not slimmed past retention:
 * its data has still to reach the registry. A slimmed record keeps no photo on the phone.
 *
 * On `device_revoked` the phone is no longer trusted with the city's data: every record the registry
 * already holds (acknowledged at its current version, nothing queued) is deleted from the phone, with
 * any edit draft of it, in one transaction. Records not yet at the registry (an outbox entry in any
 * state: pending, claimed, parked) are kept, so nothing unsent is lost: they go with the next push once
 * the phone is enrolled again with a new code. What was done is noted in meta for the screen to say.
 */
import Dexie from 'dexie';
import { DEFAULT_RETENTION_DAYS, isRetentionDays } from '../../shared/retention';
import type { JaringDb } from './database';
import { setMeta } from './meta';
import { deletePhotosOf, recordsWithWaitingPhoto } from './photos';
import { slimmed } from './slim';
import { isSlim, type PhoneRecord, type StoredRegistration } from './types';

const DAY_MS = 86_400_000;

/** Acknowledged at its current version: the registry holds exactly what the phone holds. */
const isAtRegistry = (r: PhoneRecord) => r.sentVersion !== undefined && r.sentVersion >= r.version;

/**
 * Slims every `sent` record accepted more than `retentionDays` ago with nothing queued. Reads only the
 * `sent` rows last edited before the cutoff (the `[syncState+updatedAt]` index): a record is accepted
 * after its last edit, so none newer can be due. Returns how many were slimmed.
 */
export function slimRecordsPastRetention(
  db: JaringDb,
  retentionDays: number | undefined,
  nowMs: number,
): Promise<number> {
  const days = isRetentionDays(retentionDays) ? retentionDays : DEFAULT_RETENTION_DAYS;
  const cutoff = new Date(nowMs - days * DAY_MS).toISOString();
  return db.transaction('rw', [db.registrations, db.outbox, db.photos], async () => {
    const old = await db.registrations
      .where('[syncState+updatedAt]')
      .between(['sent', Dexie.minKey], ['sent', cutoff], true, true)
      .toArray();
    const due = old.filter(
      (r): r is StoredRegistration =>
        !isSlim(r) && isAtRegistry(r) && r.lastSyncedAt !== undefined && r.lastSyncedAt <= cutoff,
    );
    const queued = await db.outbox.bulkGet(due.map((r) => r.id));
    const unqueued = due.filter((_, i) => !queued[i]);
    // A photo still on its way keeps its record whole, as an outbox entry does.
    const photoWaits = await recordsWithWaitingPhoto(
      db,
      unqueued.map((r) => r.id),
    );
    const slim = unqueued
      .filter((r) => !photoWaits.has(r.id))
      .map((r) => slimmed(r, new Date(nowMs).toISOString()));
    await Promise.all([
      db.registrations.bulkPut(slim),
      deletePhotosOf(
        db,
        slim.map((r) => r.id),
      ),
    ]);
    return slim.length;
  });
}

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
  return db.transaction('rw', [db.registrations, db.outbox, db.drafts, db.meta, db.photos], async () => {
    const queued = new Set((await db.outbox.toCollection().primaryKeys()) as string[]);
    const atRegistry = await db.registrations
      .filter((r) => !queued.has(r.id) && (isSlim(r) || isAtRegistry(r)))
      .primaryKeys();
    const total = await db.registrations.count();
    await Promise.all([
      db.registrations.bulkDelete(atRegistry),
      db.drafts.bulkDelete(atRegistry),
      deletePhotosOf(db, atRegistry),
    ]);
    const wipe = { at: nowIso, wiped: atRegistry.length, kept: total - atRegistry.length };
    await setMeta(db, REVOKED_WIPE_KEY, wipe);
    return wipe;
  });
}
