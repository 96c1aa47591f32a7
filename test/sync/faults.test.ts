import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOutboxBatch } from '../../src/client/db';
import type { LockManagerLike } from '../../src/client/sync/runner-lock';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  editName,
  enrollPhone,
  enrollQuietly,
  expectConverged,
  faultyFetch,
  freshPhoneDb,
  saveMany,
  seededRandom,
  testEngine,
} from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const HOUR = 3_600_000;

/** A lock manager that always grants: two runners at once, so only the server's idempotency protects. */
const noExclusion: LockManagerLike = {
  request: (_name, _options, callback) => Promise.resolve(callback({})),
};

describe('sync under faults', () => {
  it.each([
    { label: '30% of requests dropped before the server', faults: { dropRequest: 0.3 }, seed: 1 },
    { label: '30% of responses dropped after the commit', faults: { dropResponse: 0.3 }, seed: 2 },
    { label: 'both at once', faults: { dropRequest: 0.3, dropResponse: 0.3 }, seed: 3 },
  ])('$label: every record arrives exactly once', async ({ faults, seed }) => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, seededRandom(seed), faults);
    const engine = testEngine(db, net.fetch, {
      random: seededRandom(seed + 100),
      limits: { maxRecords: 20 },
    });
    const ids = await saveMany(db, 120);
    const deviceId = await enrollQuietly(db, registry);
    for (const id of ids.slice(0, 30)) await editName(db, id, 'Nama Diubah');
    engine.requestSync('start');
    await engine.whenIdle();
    expect(net.dropped()).toBeGreaterThan(0);
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({
      phone: 120,
      server: 120,
      outbox: 0,
      mismatches: [],
      duplicates: 0,
    });
  });

  it('the server restarting mid-batch loses nothing and duplicates nothing', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, seededRandom(7), {
      duringPush: async (n, forward) => {
        if (n !== 2 && n !== 4) return forward();
        const answer = forward(); // the request is on its way while the server goes down
        await registry.restart();
        return answer;
      },
    });
    const engine = testEngine(db, net.fetch, { limits: { maxRecords: 10 } });
    await saveMany(db, 60);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({
      server: 60,
      outbox: 0,
      mismatches: [],
    });
  });

  it.each([
    { label: 'the meta-lease fallback', locks: null },
    { label: 'no exclusion at all', locks: noExclusion },
  ])('two engines on one database ($label) end with one copy of each record', async ({ locks }) => {
    const db = freshPhoneDb();
    const netA = faultyFetch(registry, seededRandom(11), { dropResponse: 0.3 });
    const netB = faultyFetch(registry, seededRandom(12), { dropResponse: 0.3 });
    const a = testEngine(db, netA.fetch, { locks, limits: { maxRecords: 7 } });
    const b = testEngine(db, netB.fetch, { locks, limits: { maxRecords: 5 } });
    const ids = await saveMany(db, 80);
    const deviceId = await enrollPhone(a, registry);
    await a.whenIdle();
    for (const id of ids.slice(40)) await editName(db, id, 'Versi Dua');
    a.requestSync('manual');
    b.requestSync('manual');
    await Promise.all([a.whenIdle(), b.whenIdle()]);
    // Whoever skipped as "busy" may have left the tail to the other; one more pass settles everything.
    await a.syncOnce();
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({
      server: 80,
      outbox: 0,
      mismatches: [],
      duplicates: 0,
    });
  });

  it.each([
    { label: 'hours ahead', skew: 7 * HOUR },
    { label: 'hours behind', skew: -7 * HOUR },
  ])('a phone clock $label still sends everything', async ({ skew }) => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, seededRandom(21), { dropResponse: 0.3 });
    const engine = testEngine(db, net.fetch, { now: () => Date.now() + skew });
    await saveMany(db, 25);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({
      server: 25,
      outbox: 0,
      mismatches: [],
    });
  });

  it('claims left by a closed tab come back after their lease, and a lease from a clock that jumped back too', async () => {
    const db = freshPhoneDb();
    await saveMany(db, 10);
    const now = Date.now();
    // One tab claimed 5 and died mid-request; another, with a clock 5 hours ahead, had claimed the
    // other 5 (written directly: a real claim first returns leases that look dead from its own clock).
    await claimOutboxBatch(db, { now, leaseMs: 60_000, maxRecords: 5, maxBytes: 1e6 });
    const leaseAhead = now + 5 * HOUR + 60_000;
    await db.outbox.where('state').equals('pending').modify({ state: 'claimed', leaseUntil: leaseAhead });
    expect(await db.outbox.where('state').equals('claimed').count()).toBe(10);
    const later = testEngine(db, faultyFetch(registry, Math.random).fetch, {
      now: () => Date.now() + 61_000,
    });
    const deviceId = await enrollPhone(later, registry);
    await later.whenIdle();
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({ server: 10, outbox: 0 });
  });
});
