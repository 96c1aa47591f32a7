/**
 * The answer side of the outbox: apply the registry's answers and its status changes, park a record
 * for the office, re-queue stale ones. Every function here is ONE short transaction; none is ever held
 * across a network call (claim → POST → apply are three separate steps, driven by src/client/sync;
 * the claims are in outbox-claims.ts).
 *
 * Invariants:
 * - An answer settles an entry only when entry.version === record.version === the answered version. An
 *   edit made while a push was in flight replaced the entry (see outbox.ts), so an answer for the older
 *   version must leave the newer queued one alone.
 * - The push's claim row is deleted in the transaction that applies its answers: what was answered is
 *   settled or parked there, what was not is claimable again at once.
 * - Parked entries (duplicate NIK, invalid, held for the office) are skipped by claims until an edit
 *   replaces them (or, held for the office, the volunteer sends them again).
 */
import { deletePhotosOf } from './photos';
import type { FieldIssue } from '../../shared/issues';
import type { PushResult, PushResultOf, ServerStatus, StatusChange } from '../../shared/sync-protocol';
import type { JaringDb } from './database';
import { claimIdsOf, type ClaimedRecord } from './outbox-claims';
import { slimmed } from './slim';
import {
  isSlim,
  type MetaRow,
  type OutboxEntry,
  type PhoneRecord,
  type StoredRegistration,
  type SyncState,
} from './types';

export interface AppliedAnswers {
  settled: number;
  parked: number;
  /** Stale answers for the current version: resolve them (after a pull) with resolveStaleRecords. */
  stale: PushResultOf<'stale'>[];
}

/**
 * Parks the entry of a record the registry keeps failing on (a server error on it alone, while it
 * answers other calls) and marks the record 'needs_office', so the rest of the queue goes on. Only
 * while the entry is pending at that same version: an edit since then is a new version, sent normally.
 * Returns whether it parked anything.
 */
export function holdForOffice(db: JaringDb, key: { recordId: string; version: number }): Promise<boolean> {
  return db.transaction('rw', [db.outbox, db.registrations], async () => {
    const [entry, record] = await Promise.all([
      db.outbox.get(key.recordId),
      db.registrations.get(key.recordId),
    ]);
    if (entry?.state !== 'pending' || entry.version !== key.version || record?.version !== key.version)
      return false;
    await Promise.all([
      db.outbox.put({ ...entry, state: 'parked', leaseUntil: 0 }),
      db.registrations.put({ ...record, syncState: 'needs_office' }),
    ]);
    return true;
  });
}

/** received → sent; verified and active → verified; rejected → the volunteer must fix it. */
export function syncStateFor(status: ServerStatus | undefined): SyncState {
  if (status === 'verified' || status === 'active') return 'verified';
  return status === 'rejected' ? 'needs_fix' : 'sent';
}

function acknowledged(record: StoredRegistration, result: PushResult, nowIso: string): StoredRegistration {
  const sentVersion = Math.max(record.sentVersion ?? 0, result.version);
  return { ...record, sentVersion, lastSyncedAt: nowIso };
}

function settledRecord(
  record: StoredRegistration,
  result: Exclude<PushResult, { outcome: 'stale' }>,
): StoredRegistration {
  const { duplicate: _d, syncErrors: _e, ...rest } = record;
  if (result.outcome === 'duplicate_nik')
    return { ...rest, syncState: 'duplicate', ...(result.duplicate && { duplicate: result.duplicate }) };
  if (result.outcome === 'invalid') {
    return { ...rest, syncState: 'needs_fix', syncErrors: result.errors satisfies FieldIssue[] };
  }
  const serverStatus = result.serverStatus;
  return { ...rest, syncState: syncStateFor(serverStatus), serverStatus };
}

/** The rows a batch of answers touches, as read, and what applying them changed (in memory). */
interface AnswerRows {
  entries: Map<string, OutboxEntry | undefined>;
  records: Map<string, PhoneRecord | undefined>;
  changedRecords: Set<string>;
  changedEntries: Set<string>;
}

/** Applies the answers to the rows in memory, in order: the same result as one by one. */
function applyInMemory(rows: AnswerRows, results: PushResult[], nowIso: string): AppliedAnswers {
  const applied: AppliedAnswers = { settled: 0, parked: 0, stale: [] };
  const putRecord = (next: PhoneRecord) => (
    rows.records.set(next.id, next),
    rows.changedRecords.add(next.id)
  );
  const setEntry = (id: string, next: OutboxEntry | undefined) => (
    rows.entries.set(id, next),
    rows.changedEntries.add(id)
  );
  for (const result of results) {
    const entry = rows.entries.get(result.id);
    const record = rows.records.get(result.id);
    if (!record || isSlim(record)) continue;
    const isAck = result.outcome === 'accepted' || result.outcome === 'unchanged';
    const isCurrent = entry?.version === result.version && record.version === result.version;
    if (!isCurrent) {
      if (isAck) putRecord(acknowledged(record, result, nowIso));
      continue;
    }
    if (result.outcome === 'stale') {
      applied.stale.push(result);
      continue;
    }
    const base = isAck ? acknowledged(record, result, nowIso) : record;
    putRecord(settledRecord(base, result));
    if (isAck) {
      setEntry(result.id, undefined);
      applied.settled += 1;
    } else {
      setEntry(result.id, { ...entry, state: 'parked', leaseUntil: 0 });
      applied.parked += 1;
    }
  }
  return applied;
}

/**
 * Applies a push's answers, each on its own: accepted / unchanged settle the entry; duplicate_nik and
 * invalid park it with the reason; stale is returned for the caller to resolve. Answers for a version
 * that is no longer the queued one only raise sentVersion. `claims` (the push's) are released in the
 * same transaction: what was answered is settled, what was not goes back to the queue at once.
 *
 * The rows the answers touch are read at once, the answers applied in memory in order, and the
 * changed rows written at once: a few IndexedDB round trips per batch instead of three per record
 * (which made the phone, not the network, the slow side of a sync). Same result as one by one.
 */
export function applyPushResults(
  db: JaringDb,
  results: PushResult[],
  nowIso: string,
  claims: ClaimedRecord[] = [],
): Promise<AppliedAnswers> {
  return db.transaction('rw', [db.outbox, db.registrations, db.claims], async () => {
    const ids = [...new Set(results.map((result) => result.id))];
    const [entryRows, recordRows] = await Promise.all([
      db.outbox.bulkGet(ids),
      db.registrations.bulkGet(ids),
    ]);
    const rows: AnswerRows = {
      entries: new Map(ids.map((id, i) => [id, entryRows[i]])),
      records: new Map(ids.map((id, i) => [id, recordRows[i]])),
      changedRecords: new Set(),
      changedEntries: new Set(),
    };
    const applied = applyInMemory(rows, results, nowIso);
    const entryIds = [...rows.changedEntries];
    await Promise.all([
      db.registrations.bulkPut([...rows.changedRecords].map((id) => rows.records.get(id)!)),
      db.outbox.bulkDelete(entryIds.filter((id) => rows.entries.get(id) === undefined)),
      db.outbox.bulkPut(
        entryIds.map((id) => rows.entries.get(id)).filter((e): e is OutboxEntry => e !== undefined),
      ),
      db.claims.bulkDelete(claimIdsOf(claims)),
    ]);
    return applied;
  });
}

/**
 * Resolves `stale` (the registry holds a higher version than the phone's current one, e.g. the phone's
 * data was restored from an older copy). The phone's copy wins: it is what the volunteer sees and can
 * correct, and a record is only ever written by the phone that made it. Its version jumps above the
 * registry's and it is queued again. Returns how many were re-queued.
 */
export function resolveStaleRecords(db: JaringDb, stale: PushResultOf<'stale'>[]): Promise<number> {
  return db.transaction('rw', [db.outbox, db.registrations], async () => {
    let requeued = 0;
    for (const result of stale) {
      const [entry, record] = await Promise.all([db.outbox.get(result.id), db.registrations.get(result.id)]);
      if (!entry || !record || entry.version !== result.version || record.version !== result.version)
        continue;
      const version = Math.max(result.currentVersion, record.version) + 1;
      await db.registrations.put({ ...record, version, syncState: 'pending' });
      await db.outbox.put({ ...entry, version, state: 'pending', leaseUntil: 0 });
      requeued += 1;
    }
    return requeued;
  });
}

/**
 * The office erased the person's data on their request (UU PDP): the record, its outbox entry (whatever
 * its state: a queued edit of it must never reach the registry), its photo and an open edit's draft all go, at
 * once, whatever version the phone holds. Returns 1 when there was a record to drop.
 */
async function dropErasedRecord(db: JaringDb, id: string): Promise<number> {
  const had = await db.registrations.get(id);
  await Promise.all([
    db.registrations.delete(id),
    db.outbox.delete(id),
    db.drafts.delete(id),
    deletePhotosOf(db, [id]),
  ]);
  return had ? 1 : 0;
}

/**
 * Applies status changes from the registry to records that have nothing newer queued: a change about
 * an older version, or about a record with an edit waiting, is overtaken by the next push's answer.
 * A change about the very version parked as a duplicate NIK is the office's verdict on it (Data ganda):
 * it settles the parked entry — accepted in place of a voided record, or sent back with a reason.
 * An `erased` change drops the record instead (see dropErasedRecord). `alsoWrite`, a meta row, is
 * written in the same transaction.
 */
export function applyStatusChanges(
  db: JaringDb,
  changes: StatusChange[],
  alsoWrite?: MetaRow,
): Promise<number> {
  const tables = [db.outbox, db.registrations, db.drafts, db.photos, db.meta];
  return db.transaction('rw', tables, async () => {
    // With the changes or not at all (the pull cursor): a cursor kept while its changes are lost
    // would skip them for good.
    if (alsoWrite) await db.meta.put(alsoWrite);
    let applied = 0;
    for (const change of changes) {
      if (change.erased) {
        applied += await dropErasedRecord(db, change.id);
        continue;
      }
      const [entry, record] = await Promise.all([db.outbox.get(change.id), db.registrations.get(change.id)]);
      if (!record || record.version !== change.version) continue;
      if (isSlim(record)) {
        const serverStatus = change.serverStatus;
        await db.registrations.put({ ...record, serverStatus, syncState: syncStateFor(serverStatus) });
        applied += 1;
        continue;
      }
      const settlesParked = entry?.state === 'parked' && entry.version === change.version;
      if (entry && !settlesParked) continue;
      if (settlesParked) await db.outbox.delete(change.id);
      const { serverReason: _r, duplicate: _d, ...rest } = record;
      const serverStatus = change.serverStatus;
      const reason = serverStatus === 'rejected' && change.reason ? { serverReason: change.reason } : {};
      const next = { ...rest, serverStatus, syncState: syncStateFor(serverStatus), ...reason };
      // Verified at the office: the phone keeps only what its list needs (db/retention.ts).
      const isVerifiedAndDone = next.syncState === 'verified' && !entry;
      await db.registrations.put(isVerifiedAndDone ? slimmed(next, change.changedAt) : next);
      // A slimmed record keeps no photo: the office has verified it, with or without one.
      if (isVerifiedAndDone) await deletePhotosOf(db, [change.id]);
      applied += 1;
    }
    return applied;
  });
}
