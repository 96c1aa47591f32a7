/**
 * A poisoned record never blocks the rest: the real registry, with a test hook that answers 500 to any
 * push whose body holds one chosen record, on SQLite and PostgreSQL. The phone splits the failing
 * batch until that record is alone, holds it for the office ('needs_office', in "Perlu perhatian"),
 * and sends the other nine. Once the registry is fixed, "Kirim lagi" (or an edit) sends it, once.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNeedingAttention, retryHeldRecord } from '../../src/client/db';
import { registryEngines, stopEngines } from '../helpers/engines';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  editName,
  enrollQuietly,
  expectConverged,
  faultyFetch,
  freshPhoneDb,
  saveMany,
  serverRowsOf,
  testEngine,
} from './harness';

afterAll(stopEngines);

describe.each(registryEngines())('a poisoned record on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let registry: TestRegistry;
    /** The record the registry fails on; undefined once "fixed". */
    let poisonedId: string | undefined;

    beforeAll(async () => {
      registry = await startRegistry({
        databaseUrl: await engine.newDatabaseUrl(),
        beforeReady: (app) => {
          app.addHook('preHandler', async (request) => {
            const isPush = request.url.startsWith('/api/v1/sync/push');
            if (isPush && poisonedId && JSON.stringify(request.body).includes(poisonedId))
              throw new Error('the registry fails on this record');
          });
        },
      });
    });
    afterAll(() => registry?.close());

    async function phoneWithPoison(index: number) {
      const db = freshPhoneDb();
      const ids = await saveMany(db, 10);
      poisonedId = ids[index];
      const deviceId = await enrollQuietly(db, registry);
      const net = faultyFetch(registry, Math.random);
      return { db, ids, deviceId, net, engine: testEngine(db, net.fetch) };
    }

    it.each([
      ['the oldest', 0],
      ['one in the middle', 6],
      ['the newest', 9],
    ])('%s of 10 records poisoned: 9 accepted, 1 held for the office', async (_label, index) => {
      const phone = await phoneWithPoison(index);
      phone.engine.requestSync('start');
      await phone.engine.whenIdle();

      const server = await serverRowsOf(registry, phone.deviceId);
      expect(server.size).toBe(9);
      expect(server.has(poisonedId!)).toBe(false);
      const held = await phone.db.registrations.get(poisonedId!);
      expect(held?.syncState).toBe('needs_office');
      expect(await phone.db.outbox.toArray()).toMatchObject([{ recordId: poisonedId, state: 'parked' }]);
      expect((await listNeedingAttention(phone.db)).map((r) => r.id)).toEqual([poisonedId]);
      const others = phone.ids.filter((id) => id !== poisonedId);
      const states = await Promise.all(
        others.map(async (id) => (await phone.db.registrations.get(id))?.syncState),
      );
      expect(states).toEqual(others.map(() => 'sent'));
      // A 500 for a whole batch, then halves, then the record alone: never more than a few dozen pushes.
      const pushes = phone.net.calls.filter((call) => call.url.includes('/sync/push'));
      expect(pushes.at(-1)?.recordCount).toBeGreaterThan(0);
      expect(pushes.length).toBeLessThan(30);

      // Later runs leave it alone: held, not retried on every trigger.
      const before = phone.net.calls.length;
      phone.engine.requestSync('manual');
      await phone.engine.whenIdle();
      const newPushes = phone.net.calls.slice(before).filter((call) => call.url.includes('/sync/push'));
      expect(newPushes).toEqual([]);
    });

    it('goes through once the registry is fixed and the volunteer presses "Kirim lagi", exactly once', async () => {
      const phone = await phoneWithPoison(3);
      phone.engine.requestSync('start');
      await phone.engine.whenIdle();
      expect((await phone.db.registrations.get(poisonedId!))?.syncState).toBe('needs_office');

      poisonedId = undefined; // the office fixed the registry
      const heldId = phone.ids[3]!;
      expect(await retryHeldRecord(phone.db, heldId)).toBe(true);
      phone.engine.requestSync('manual');
      await phone.engine.whenIdle();
      expect(await expectConverged(phone.db, registry, phone.deviceId)).toMatchObject({
        phone: 10,
        server: 10,
        outbox: 0,
        mismatches: [],
        duplicates: 0,
      });
      expect(await retryHeldRecord(phone.db, heldId)).toBe(false); // only a held record can be sent again
    });

    it('an edit of the held record sends the new version once the registry takes it', async () => {
      const phone = await phoneWithPoison(5);
      phone.engine.requestSync('start');
      await phone.engine.whenIdle();
      const heldId = poisonedId!;
      poisonedId = undefined;
      const version = await editName(phone.db, heldId, 'Nama Diperbaiki');
      phone.engine.requestSync('save');
      await phone.engine.whenIdle();
      const server = await serverRowsOf(registry, phone.deviceId);
      expect(server.get(heldId)).toMatchObject({ version, full_name: 'Nama Diperbaiki' });
      expect(await expectConverged(phone.db, registry, phone.deviceId)).toMatchObject({
        server: 10,
        outbox: 0,
        mismatches: [],
      });
    });

    it('a registry that fails every push is down, not poisoned: nothing is held, everything waits', async () => {
      const db = freshPhoneDb();
      await saveMany(db, 4);
      const deviceId = await enrollQuietly(db, registry);
      const down = () =>
        new Response(JSON.stringify({ status: 500, code: 'internal' }), {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
        });
      let failuresLeft = 40;
      const net = faultyFetch(registry, Math.random, {
        cannedAnswer: () => (failuresLeft-- > 0 ? down() : undefined),
      });
      const phone = testEngine(db, net.fetch);
      phone.requestSync('start');
      await phone.whenIdle();
      expect(await db.outbox.where('state').equals('parked').count()).toBe(0);
      expect(await expectConverged(db, registry, deviceId)).toMatchObject({
        server: 4,
        outbox: 0,
        mismatches: [],
      });
    });
  });
});
