/**
 * A phone past the registry's push limit (PUSH_RATE_LIMIT) on each engine: the 429's Retry-After is
 * honoured, its records stay pending in the queue (none parked, none lost), and once the minute is
 * over they are sent. The registry's clock moves only when the phone waits, so the test never sleeps.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCredentials } from '../../src/client/sync/device-credentials';
import { PROTOCOL_VERSION } from '../../src/shared/sync-protocol';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollQuietly, expectConverged, faultyFetch, freshPhoneDb, saveMany, testEngine } from './harness';

afterAll(stopEngines);

describe.each(registryEngines())('a rate-limited phone on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let registry: TestRegistry;
    let clock = new Date(NOW);

    beforeAll(async () => {
      registry = await startRegistry({
        databaseUrl: await engine.newDatabaseUrl(),
        now: () => clock,
        pushRateLimit: 1,
      });
    });
    afterAll(() => registry?.close());

    it('waits as the 429 asks, keeps its records pending, and sends them after the wait', async () => {
      const db = freshPhoneDb();
      await saveMany(db, 3);
      const deviceId = await enrollQuietly(db, registry);
      const { token } = (await loadCredentials(db))!;
      // This phone's one push of the minute, spent by another tab, say.
      const spent = await fetch(`${registry.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records: [] }),
      });
      expect(spent.status).toBe(200);

      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
        clock = new Date(clock.getTime() + ms); // the wait passes on the registry's clock too
      };
      const net = faultyFetch(registry, Math.random);
      const phone = testEngine(db, net.fetch, { sleep, random: () => 0 });
      expect(await phone.syncOnce()).toMatchObject({
        kind: 'failed',
        failure: { code: 'rate_limited', isTransient: true, retryAfterMs: 60_000 },
      });
      expect(phone.status.get()).toMatchObject({ lastError: 'rate_limited', waiting: 3 });
      expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
      expect(await registry.countRegistrations()).toBe(0);

      phone.requestSync('start');
      await phone.whenIdle();
      expect(waits[0]).toBeGreaterThanOrEqual(60_000);
      expect(await expectConverged(db, registry, deviceId)).toMatchObject({
        phone: 3,
        server: 3,
        outbox: 0,
        mismatches: [],
      });
    });
  });
});
