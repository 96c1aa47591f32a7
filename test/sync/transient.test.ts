import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollQuietly, expectConverged, faultyFetch, freshPhoneDb, saveMany, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const policy = { baseMs: 1_000, capMs: 20_000 };
const problem = (status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, code: status === 429 ? 'rate_limited' : 'internal' }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('transient failures', () => {
  it('retries 5xx with growing, jittered, capped waits and resets them after a success', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, Math.random, {
      cannedAnswer: (n) => (n <= 6 ? problem(503) : undefined),
    });
    const { waits, sleep } = recordingSleep();
    const engine = testEngine(db, net.fetch, { sleep, random: () => 0.999, backoff: policy });
    await saveMany(db, 3);
    const deviceId = await enrollQuietly(db, registry);
    engine.requestSync('start');
    await engine.whenIdle();
    expect(waits).toEqual([999, 1998, 3996, 7992, 15984, 19980]);
    expect(engine.status.get()).toMatchObject({ lastError: undefined, isOnline: true });
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({ server: 3, outbox: 0 });

    // After the success, the next failure starts from the base again.
    let isNextFailing = true;
    net.faults.cannedAnswer = () => (isNextFailing ? ((isNextFailing = false), problem(500)) : undefined);
    await saveMany(db, 1);
    engine.requestSync('save');
    await engine.whenIdle();
    expect(waits.slice(6)).toEqual([999]);
  });

  it('a press of "Sinkronkan sekarang" while a failing run is in flight skips the wait after it', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, Math.random, {
      cannedAnswer: (n) => {
        if (n !== 1) return undefined;
        engine.requestSync('manual'); // pressed while the first push is on its way
        return problem(503);
      },
    });
    const { waits, sleep } = recordingSleep();
    const engine = testEngine(db, net.fetch, { sleep, random: () => 0.999, backoff: policy });
    await saveMany(db, 2);
    const deviceId = await enrollQuietly(db, registry);
    engine.requestSync('start');
    await engine.whenIdle();
    expect(waits).toEqual([]);
    expect(await expectConverged(db, registry, deviceId)).toMatchObject({ server: 2, outbox: 0 });
  });

  it('waits at least as long as a 429 Retry-After asks', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, Math.random, {
      cannedAnswer: (n) => (n === 1 ? problem(429, { 'retry-after': '7' }) : undefined),
    });
    const { waits, sleep } = recordingSleep();
    const engine = testEngine(db, net.fetch, { sleep, random: () => 0, backoff: policy });
    await saveMany(db, 1);
    await enrollQuietly(db, registry);
    engine.requestSync('start');
    await engine.whenIdle();
    expect(waits).toEqual([7_000]);
  });

  it('times out a request that hangs and reports it as a timeout', async () => {
    const db = freshPhoneDb();
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const engine = testEngine(db, hanging, { requestTimeoutMs: 20 });
    await saveMany(db, 2);
    await enrollQuietly(db, registry);
    expect(await engine.syncOnce()).toMatchObject({
      kind: 'failed',
      failure: { code: 'timeout', isTransient: true },
    });
    expect(engine.status.get()).toMatchObject({ lastError: 'timeout', isOnline: false, waiting: 2 });
    expect(await db.outbox.where('state').equals('pending').count()).toBe(2); // claims handed back at once
  });

  it('treats a 200 that is not the protocol (a captive portal) as not there yet', async () => {
    const db = freshPhoneDb();
    const portal = async () => new Response('<html>Login Wi-Fi</html>', { status: 200 });
    const engine = testEngine(db, portal);
    await saveMany(db, 1);
    await enrollQuietly(db, registry);
    expect(await engine.syncOnce()).toMatchObject({ kind: 'failed', failure: { code: 'bad_response' } });
    expect(await db.outbox.count()).toBe(1);
  });

  it('enrollment with a wrong code says so and stores nothing', async () => {
    const db = freshPhoneDb();
    const engine = testEngine(db, fetch, { baseUrl: registry.url });
    expect(await engine.enroll('SALAH-123')).toEqual({ ok: false, code: 'enroll_code_invalid' });
    expect(engine.status.get().isEnrolled).toBe(false);
  });
});
