/**
 * A push's claim (db/outbox-claims.ts, schema v6): one row per batch under one lease, the entries left
 * pending. Two runners never take the same record while a claim lives; a claim's answers release it; a
 * failed push hands it back; a dead lease (expired, or further ahead than a lease can be) frees its
 * records; entries a v5 tab left 'claimed' follow their own lease.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyPushResults,
  claimOutboxBatch,
  releaseClaims,
  releaseExpiredLeases,
  saveNewRegistration,
  updateRegistration,
  type JaringDb,
} from '../../../src/client/db';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';
import { contextAt, freshDb, minutesAfterNow } from './helpers';

const NOW_MS = Date.parse(NOW);
const LEASE_MS = 60_000;
const HOUR = 3_600_000;
const claim = (db: JaringDb, maxRecords: number, now = NOW_MS) =>
  claimOutboxBatch(db, { now, leaseMs: LEASE_MS, maxRecords, maxBytes: 1e6 });

let db: JaringDb;
let ids: string[];
let n = 900;
beforeEach(async () => {
  db = freshDb();
  ids = [];
  for (let i = 0; i < 6; i++) {
    const saved = await saveNewRegistration(db, makeFields(uniquePerson(++n)), contextAt(minutesAfterNow(i)));
    if (!saved.ok) throw new Error('save failed');
    ids.push(saved.record.id);
  }
});
afterEach(() => db.delete());

const accepted = (id: string, version = 1) => ({
  id,
  version,
  outcome: 'accepted' as const,
  serverStatus: 'received' as const,
});

describe('claims', () => {
  it('writes one claim row per batch and leaves the entries as the save wrote them', async () => {
    const entriesBefore = await db.outbox.toArray();
    const claimed = await claim(db, 4);
    expect(claimed.map((c) => c.recordId)).toEqual(ids.slice(0, 4));
    expect(await db.claims.toArray()).toEqual([
      {
        id: claimed[0]!.claimId,
        leaseUntil: NOW_MS + LEASE_MS,
        records: ids.slice(0, 4).map((recordId) => ({ recordId, version: 1 })),
      },
    ]);
    expect(await db.outbox.toArray()).toEqual(entriesBefore);
  });

  it('a second runner takes only what no live claim holds, and an edited record again', async () => {
    const first = await claim(db, 4);
    const edited = await updateRegistration(
      db,
      ids[1]!,
      makeFields(uniquePerson(++n)),
      contextAt(minutesAfterNow(10)),
    );
    expect(edited.ok).toBe(true);
    const second = await claim(db, 10);
    // The edit is version 2: not the version the first claim holds, so it is sent again.
    expect(second.map((c) => `${c.recordId}@${c.version}`)).toEqual([
      `${ids[4]}@1`,
      `${ids[5]}@1`,
      `${ids[1]}@2`,
    ]);
    expect(new Set(second.map((c) => c.claimId)).has(first[0]!.claimId)).toBe(false);
    expect(await claim(db, 10)).toEqual([]);
  });

  it('the answers release the claim: what was not answered is claimable again at once', async () => {
    const claimed = await claim(db, 3);
    await applyPushResults(db, [accepted(ids[0]!), accepted(ids[2]!)], NOW, claimed);
    expect(await db.claims.count()).toBe(0);
    const left = await db.outbox.toCollection().primaryKeys();
    expect(left.sort()).toEqual([ids[1], ...ids.slice(3)].sort());
    expect((await claim(db, 1)).map((c) => c.recordId)).toEqual([ids[1]]);
  });

  it('a failed push hands its claim back, and releasing it twice is no matter', async () => {
    const claimed = await claim(db, 6);
    await releaseClaims(db, claimed);
    await releaseClaims(db, claimed);
    expect((await claim(db, 6)).map((c) => c.recordId)).toEqual(ids);
  });

  it('a lease that ran out, or lies further ahead than a lease can, frees its records', async () => {
    // A tab whose clock ran 5 hours ahead claimed the first two; the clock has been set right since.
    const held = ids.slice(0, 2).map((recordId) => ({ recordId, version: 1 }));
    await db.claims.add({ leaseUntil: NOW_MS + 5 * HOUR, records: held });
    expect((await claim(db, 10)).map((c) => c.recordId)).toEqual(ids);
    // This tab dies mid-push: nothing is claimable until its lease runs out, then everything is.
    expect(await claim(db, 10, NOW_MS + 1_000)).toEqual([]);
    const later = NOW_MS + LEASE_MS + 1;
    expect((await claim(db, 10, later)).map((c) => c.recordId)).toEqual(ids);
    expect(await releaseExpiredLeases(db, later + LEASE_MS, LEASE_MS)).toBe(1);
    expect(await db.claims.count()).toBe(0);
  });

  it('entries a v5 tab left claimed return to pending once their lease is dead, not before', async () => {
    await db.outbox.bulkUpdate(
      ids.slice(0, 2).map((key) => ({ key, changes: { state: 'claimed', leaseUntil: NOW_MS + 30_000 } })),
    );
    expect((await claim(db, 10)).map((c) => c.recordId)).toEqual(ids.slice(2));
    const afterLease = NOW_MS + 30_001;
    // The claim just made (lease to NOW + 60 s) still lives; the old entries' leases are dead.
    expect((await claim(db, 10, afterLease)).map((c) => c.recordId)).toEqual(ids.slice(0, 2));
    const states = (await db.outbox.bulkGet(ids.slice(0, 2))).map((e) => [e?.state, e?.leaseUntil]);
    expect(states).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
  });
});
