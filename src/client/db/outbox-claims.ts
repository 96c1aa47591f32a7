/**
 * The claim side of the outbox: which queued records a push takes, under one lease per batch (schema
 * v6 `claims`), and how a dead lease returns them. Every function here is ONE short transaction; none
 * is ever held across a network call (claim → POST → apply, see outbox-queue.ts for the apply).
 *
 * Invariants:
 * - A claim is one row in `claims` naming the batch's (record, version) pairs under one lease (epoch
 *   ms); the entries themselves stay pending, so a claim costs one write, not one per record. Another
 *   claim skips what a live claim names (two tabs without a lock send different records).
 * - An expired lease, or one further in the future than a lease can be (the phone's clock went
 *   backwards), is deleted: a tab closed mid-push loses nothing, and the server's idempotency on
 *   (id, version) makes the resend harmless. Entries left 'claimed' by schema v1–v5 follow the same
 *   rule on their own lease.
 */
import Dexie from 'dexie';
import type { Registration } from '../../shared/registration';
import type { JaringDb } from './database';
import { isSlim, type ClaimRow, type OutboxEntry, type StoredRegistration } from './types';

export interface ClaimOptions {
  /** Epoch ms on the phone's clock. */
  now: number;
  leaseMs: number;
  maxRecords: number;
  /** Budget for the records' JSON in the request body. */
  maxBytes: number;
}

/** One record claimed for a push; `claimId` names the batch's claim row (its token). */
export interface ClaimedRecord {
  recordId: string;
  version: number;
  claimId: number;
  payload: Registration;
}

const encoder = new TextEncoder();

/** The record as the registry knows it (payloadVersion 1): the shared Registration, no local copies. */
export function toPushPayload(record: StoredRegistration): Registration {
  const {
    kelurahanKode: _k,
    nameWords: _n,
    searchKeys: _sk,
    createdDay: _c,
    syncState: _s,
    serverStatus: _ss,
    serverReason: _sr,
    duplicate: _d,
    syncErrors: _e,
    sentVersion: _sv,
    lastSyncedAt: _l,
    ...payload
  } = record;
  return payload;
}

/** Entries in one state, oldest first, straight from the `[state+enqueuedAt]` index. */
export function oldestInState(db: JaringDb, state: OutboxEntry['state']) {
  return db.outbox.where('[state+enqueuedAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]);
}

function isLeaseDead(leaseUntil: number, now: number, leaseMs: number): boolean {
  return leaseUntil <= now || leaseUntil > now + leaseMs;
}

/**
 * Deletes claims whose lease ran out (or cannot be trusted), and returns entries left claimed by
 * schema v1–v5 on such a lease to pending. Returns how many claims and old entries it released.
 */
export function releaseExpiredLeases(db: JaringDb, now: number, leaseMs: number): Promise<number> {
  return db.transaction('rw', [db.outbox, db.claims], async () => {
    const deadClaims = await db.claims.filter((c) => isLeaseDead(c.leaseUntil, now, leaseMs)).primaryKeys();
    const [, oldEntries] = await Promise.all([
      db.claims.bulkDelete(deadClaims),
      oldestInState(db, 'claimed')
        .filter((entry) => isLeaseDead(entry.leaseUntil, now, leaseMs))
        .modify({ state: 'pending', leaseUntil: 0 }),
    ]);
    return deadClaims.length + oldEntries;
  });
}

const claimKey = (recordId: string, version: number) => `${recordId}@${version}`;

/** The (record, version) pairs live claims hold; read after the dead ones were deleted. */
async function liveClaimKeys(db: JaringDb): Promise<Set<string>> {
  const claims = await db.claims.toArray();
  return new Set(claims.flatMap((c) => c.records.map((r) => claimKey(r.recordId, r.version))));
}

/**
 * Claims the oldest pending entries no live claim holds, bounded by count and bytes (at least one, so
 * a record is never stuck behind the budget), writes ONE claim row for them and returns their payloads.
 * An entry whose record is gone is dropped. Dead leases go first, in the same transaction, so a run
 * needs no separate transaction per batch to pick them up.
 */
export function claimOutboxBatch(db: JaringDb, options: ClaimOptions): Promise<ClaimedRecord[]> {
  const leaseUntil = options.now + options.leaseMs;
  return db.transaction('rw', [db.outbox, db.registrations, db.claims], async () => {
    await releaseExpiredLeases(db, options.now, options.leaseMs);
    const held = await liveClaimKeys(db);
    // One bounded read of the `[state+enqueuedAt]` index (a getAll), oldest first; entries another
    // runner holds are still pending, so read that many more and skip them.
    const candidates = (
      await oldestInState(db, 'pending')
        .limit(options.maxRecords + held.size)
        .toArray()
    )
      .filter((entry) => !held.has(claimKey(entry.recordId, entry.version)))
      .slice(0, options.maxRecords);
    const records = await db.registrations.bulkGet(candidates.map((entry) => entry.recordId));
    const batch: Omit<ClaimedRecord, 'claimId'>[] = [];
    const orphans: string[] = [];
    let bytes = 0;
    for (const [index, entry] of candidates.entries()) {
      const record = records[index];
      // A slimmed record is never queued: an entry for one (there should be none) is dropped.
      if (!record || isSlim(record)) {
        orphans.push(entry.recordId);
        continue;
      }
      const payload = toPushPayload(record);
      const size = encoder.encode(JSON.stringify(payload)).length + 1;
      if (batch.length > 0 && bytes + size > options.maxBytes) break;
      bytes += size;
      // The record row is the truth for the version (an entry is written with it, in the same save).
      batch.push({ recordId: record.id, version: record.version, payload });
    }
    await db.outbox.bulkDelete(orphans);
    if (batch.length === 0) return [];
    const claim: ClaimRow = {
      leaseUntil,
      records: batch.map(({ recordId, version }) => ({ recordId, version })),
    };
    const claimId = await db.claims.add(claim);
    return batch.map((claimed) => ({ ...claimed, claimId: claimId! }));
  });
}

/** The claim rows `claims` came from. */
export const claimIdsOf = (claims: ClaimedRecord[]) => [...new Set(claims.map((claim) => claim.claimId))];

/**
 * Hands a failed push's claims back: deleting their claim row makes every entry it named claimable
 * again (they stayed pending). A claim already deleted (dead lease) is no matter.
 */
export async function releaseClaims(db: JaringDb, claims: ClaimedRecord[]): Promise<void> {
  if (claims.length === 0) return; // no transaction at all
  await db.claims.bulkDelete(claimIdsOf(claims));
}
