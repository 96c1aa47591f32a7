import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getMeta,
  getRegistration,
  makeOutboxEntry,
  REVOKED_WIPE_KEY,
  saveDraft,
  type StoredRegistration,
} from '../../src/client/db';
import { MAX_PUSH_BYTES, MAX_RECORDS_PER_PUSH } from '../../src/shared/sync-protocol';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  editName,
  editRecord,
  enrollPhone,
  expectConverged,
  faultyFetch,
  freshPhoneDb,
  nextPerson,
  saveMany,
  saveOne,
  serverRowsOf,
  testEngine,
} from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

function phone(faults = {}) {
  const db = freshPhoneDb();
  const net = faultyFetch(registry, Math.random, faults);
  return { db, net, engine: testEngine(db, net.fetch) };
}

describe('sync engine against a real registry', () => {
  it('keeps records made before enrollment in the queue, then sends each once', async () => {
    const { db, net, engine } = phone();
    await saveMany(db, 3);
    expect(await engine.syncOnce()).toEqual({ kind: 'not_enrolled' });
    expect(net.calls).toHaveLength(0);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({
      phone: 3,
      server: 3,
      outbox: 0,
      mismatches: [],
    });
    const [record] = await db.registrations.toArray();
    expect(record).toMatchObject({ syncState: 'sent', sentVersion: 1, serverStatus: 'received' });
  });

  it.each([
    { bound: 'count', limits: { maxRecords: 25 } },
    { bound: 'bytes', limits: { maxBytes: 20_000 } },
  ])('sends in batches bounded by $bound', async ({ limits }) => {
    const { db, net } = phone();
    const engine = testEngine(db, net.fetch, { limits });
    await saveMany(db, 130);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    const pushes = net.calls.filter((c) => c.url.includes('/sync/push'));
    expect(pushes.length).toBeGreaterThan(3); // the bound bit: 130 records did not fit in a few
    for (const push of pushes) {
      expect(push.recordCount).toBeLessThanOrEqual(limits.maxRecords ?? MAX_RECORDS_PER_PUSH);
      expect(push.bodyBytes).toBeLessThanOrEqual((limits.maxBytes ?? MAX_PUSH_BYTES) + 100);
    }
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({ server: 130, outbox: 0 });
  });

  it('sends up to MAX_RECORDS_PER_PUSH records in one request by default', async () => {
    const { db, net, engine } = phone();
    await saveMany(db, 130);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    const pushes = net.calls.filter((c) => c.url.includes('/sync/push'));
    expect(pushes.map((push) => push.recordCount)).toEqual([130]);
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({ server: 130, outbox: 0 });
  });

  it('an answer for an older version never settles the newer version queued meanwhile', async () => {
    const { db, net, engine } = phone();
    const id = await saveOne(db);
    net.faults.duringPush = async (n, forward) => {
      if (n === 1) await editName(db, id, 'Siti Aminah Rahayu'); // edited while v1 is in flight
      return forward();
    };
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    const record = await getRegistration(db, id);
    expect(record).toMatchObject({ version: 2, syncState: 'sent', sentVersion: 2 });
    expect((await serverRowsOf(registry, deviceId)).get(id)).toMatchObject({
      version: 2,
      full_name: 'Siti Aminah Rahayu',
    });
  });

  it('parks a duplicate NIK with where and when it was first registered; the rest keep moving', async () => {
    const first = phone();
    const shared = nextPerson();
    await saveOne(first.db, shared);
    await enrollPhone(first.engine, registry);
    await first.engine.whenIdle();

    const second = phone();
    const dupId = await saveOne(second.db, { ...shared, fullName: 'Siti Aminah' });
    await saveMany(second.db, 2);
    const deviceId = await enrollPhone(second.engine, registry, shared.address.kelurahanKode);
    await second.engine.whenIdle();
    const dup = await getRegistration(second.db, dupId);
    expect(dup).toMatchObject({
      syncState: 'duplicate',
      duplicate: { kelurahanKode: shared.address.kelurahanKode },
    });
    expect((dup as StoredRegistration | undefined)?.duplicate?.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await second.db.outbox.get(dupId)).toMatchObject({ state: 'parked' });
    expect((await serverRowsOf(registry, deviceId)).size).toBe(2);

    // Fixing the NIK re-queues the record (the edit replaces the parked entry) and it goes through.
    const fixed = nextPerson();
    await editRecord(second.db, dupId, { nik: fixed.nik, birthDate: fixed.birthDate, gender: fixed.gender });
    second.engine.requestSync('save');
    await second.engine.whenIdle();
    expect(await getRegistration(second.db, dupId)).toMatchObject({ syncState: 'sent', nik: fixed.nik });
    expect(await second.db.outbox.count()).toBe(0);
  });

  it('parks a record the registry finds invalid, with the field errors', async () => {
    const { db, engine } = phone();
    const goodId = await saveOne(db);
    const bad = {
      ...((await getRegistration(db, goodId)) as StoredRegistration),
      id: crypto.randomUUID(),
      ...nextPerson(),
      nikHash: undefined, // the copied record's hash would claim its NIK
    };
    const broken: StoredRegistration = { ...bad, address: { ...bad.address, rt: '000' } };
    await db.transaction('rw', [db.registrations, db.outbox], async () => {
      await db.registrations.add(broken);
      await db.outbox.add(makeOutboxEntry(broken));
    });
    await enrollPhone(engine, registry);
    await engine.whenIdle();
    expect(await getRegistration(db, broken.id)).toMatchObject({
      syncState: 'needs_fix',
      syncErrors: [{ field: 'address.rt', code: 'rt_rw_invalid' }],
    });
    expect(await getRegistration(db, goodId)).toMatchObject({ syncState: 'sent' });
  });

  it('resolves stale by re-queuing the phone copy above the registry version', async () => {
    const { db, engine } = phone();
    const id = await saveOne(db);
    await editName(db, id, 'Nama Dua');
    await editName(db, id, 'Nama Tiga');
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    // The phone's data is restored from an older copy: version 1 again, queued.
    const restored: StoredRegistration = {
      ...((await getRegistration(db, id)) as StoredRegistration),
      version: 1,
      fullName: 'Nama Lama',
      syncState: 'pending',
    };
    await db.transaction('rw', [db.registrations, db.outbox], async () => {
      await db.registrations.put(restored);
      await db.outbox.put(makeOutboxEntry(restored));
    });
    engine.requestSync('manual');
    await engine.whenIdle();
    expect(await getRegistration(db, id)).toMatchObject({ version: 4, syncState: 'sent', sentVersion: 4 });
    expect((await serverRowsOf(registry, deviceId)).get(id)).toMatchObject({
      version: 4,
      full_name: 'Nama Lama',
    });
  });

  it('pulls status changes: verified, and rejected with the reason; keeps the cursor', async () => {
    const { db, engine } = phone();
    const [a, b] = await saveMany(db, 2);
    await enrollPhone(engine, registry);
    await engine.whenIdle();
    await registry.setStatus(a!, 'verified');
    await registry.setStatus(b!, 'rejected', 'Foto KTP tidak terbaca');
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced', pulled: 2 });
    expect(await getRegistration(db, a!)).toMatchObject({ syncState: 'verified', serverStatus: 'verified' });
    expect(await getRegistration(db, b!)).toMatchObject({
      syncState: 'needs_fix',
      serverStatus: 'rejected',
      serverReason: 'Foto KTP tidak terbaca',
    });
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced', pulled: 0 });
  });

  it('a revoked device stops the queue, wipes what the registry has, keeps the unsent, resumes after enrolling', async () => {
    const { db, net, engine } = phone();
    const sentIds = await saveMany(db, 2);
    const editedId = await saveOne(db);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    await saveDraft(db, sentIds[0]!, { fullName: 'setengah diketik' }, new Date());
    await registry.query(
      `update devices set revoked_at = '2026-11-23T09:00:00.000Z' where id = '${deviceId}'`,
    );
    await saveMany(db, 2);
    await editName(db, editedId, 'Diedit Setelah Terkirim'); // at the registry, but its edit is not
    expect(await engine.syncOnce()).toEqual({ kind: 'needs_enrollment' });
    expect(engine.status.get()).toMatchObject({ needsEnrollment: true, lastError: 'device_revoked' });
    for (const id of sentIds) expect(await db.registrations.get(id)).toBeUndefined();
    expect(await db.drafts.get(sentIds[0]!)).toBeUndefined();
    expect(await db.registrations.count()).toBe(3);
    expect(await getMeta(db, REVOKED_WIPE_KEY)).toMatchObject({ wiped: 2, kept: 3 });
    const callsBefore = net.calls.length;
    engine.requestSync('manual');
    await engine.whenIdle();
    expect(net.calls).toHaveLength(callsBefore); // no hammering with a dead token
    expect(await db.outbox.count()).toBe(3);
    const newDevice = await enrollPhone(engine, registry);
    await engine.whenIdle();
    // The two unsent records arrive from the new device (the kept edit is of the revoked device's record).
    expect((await serverRowsOf(registry, newDevice)).size).toBe(2);
  });
});
