import 'fake-indexeddb/auto';
/**
 * The engine sends the phone's health with each push and pull, against a real registry: the records
 * waiting (this batch included) and since when, the app's version, persistent storage and the phone's
 * clock; the pull after the pushes says what still waits (nothing), and that is what the registry
 * keeps, with the clock offset. A report the phone cannot read is left out and the sync goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/client/app-version';
import type { DeviceReport } from '../../src/shared/sync-protocol';
import { NOW } from '../fixtures/registrations';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollQuietly, faultyFetch, freshPhoneDb, saveMany, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const HOUR = 3_600_000;

interface Sent {
  kind: 'push' | 'pull';
  device: DeviceReport | undefined;
}

/** The real registry over loopback, noting the report each push and pull carried. */
function watchedFetch() {
  const sent: Sent[] = [];
  const { fetch: realFetch } = faultyFetch(registry, Math.random);
  const fetchAndNote: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/sync/push')) {
      const body = JSON.parse(String(init?.body)) as { device?: DeviceReport };
      sent.push({ kind: 'push', device: body.device });
    } else if (url.pathname.endsWith('/sync/pull')) {
      const param = url.searchParams.get('device');
      sent.push({ kind: 'pull', device: param === null ? undefined : (JSON.parse(param) as DeviceReport) });
    }
    return realFetch(input, init);
  };
  return { sent, fetch: fetchAndNote };
}

async function deviceRow(deviceId: string) {
  const [row] = await registry.query<Record<string, unknown>>(
    `select app_version, pending_count, oldest_pending_at, storage_persisted, clock_offset_ms, last_seen_at,
       last_push_at from devices where id = '${deviceId}'`,
  );
  return row!;
}

describe('the health report the engine sends', () => {
  it('goes with every push and pull; the registry keeps what the last one said', async () => {
    const db = freshPhoneDb();
    const net = watchedFetch();
    const skew = 2 * HOUR;
    const engine = testEngine(db, net.fetch, {
      now: () => Date.now() + skew,
      limits: { maxRecords: 2 },
      storagePersisted: async () => true,
    });
    await saveMany(db, 5); // saved at NOW
    const deviceId = await enrollQuietly(db, registry);
    const sentBefore = Date.now();
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced', pushed: 5 });

    expect(net.sent.map((s) => [s.kind, s.device?.pending, s.device?.oldestPendingAt])).toEqual([
      ['push', 5, NOW],
      ['push', 3, NOW],
      ['push', 1, NOW],
      ['pull', 0, null],
    ]);
    for (const { device } of net.sent) {
      expect(device).toMatchObject({ appVersion: APP_VERSION, storagePersisted: true });
      expect(Date.parse(device!.clock) - sentBefore).toBeGreaterThanOrEqual(skew);
      expect(Date.parse(device!.clock) - Date.now()).toBeLessThanOrEqual(skew);
    }

    const row = await deviceRow(deviceId);
    expect(row).toMatchObject({ app_version: APP_VERSION, pending_count: 0, oldest_pending_at: null });
    expect(Number(row.storage_persisted)).toBe(1);
    expect(Math.abs(Number(row.clock_offset_ms) - skew)).toBeLessThan(60_000);
    expect(row.last_push_at).not.toBeNull();
    expect(row.last_seen_at! >= row.last_push_at!).toBe(true);
    engine.stop();
  });

  it('is left out when it cannot be read, and the sync goes on', async () => {
    const db = freshPhoneDb();
    const net = watchedFetch();
    const engine = testEngine(db, net.fetch, {
      storagePersisted: () => Promise.reject(new Error('storage manager gone')),
    });
    await saveMany(db, 2);
    const deviceId = await enrollQuietly(db, registry);
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced', pushed: 2 });
    expect(net.sent.map((s) => [s.kind, s.device])).toEqual([
      ['push', undefined],
      ['pull', undefined],
    ]);
    expect(await deviceRow(deviceId)).toMatchObject({ app_version: null, pending_count: null });
    engine.stop();
  });

  it('says nothing about storage when the browser cannot tell', async () => {
    const db = freshPhoneDb();
    const net = watchedFetch();
    const engine = testEngine(db, net.fetch, { storagePersisted: async () => undefined });
    await saveMany(db, 1);
    const deviceId = await enrollQuietly(db, registry);
    await engine.syncOnce();
    expect(net.sent.every((s) => s.device && !('storagePersisted' in s.device))).toBe(true);
    expect(await deviceRow(deviceId)).toMatchObject({ pending_count: 0, storage_persisted: null });
    engine.stop();
  });
});
