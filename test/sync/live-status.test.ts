/**
 * The sync bar's stored status (waiting, parked, …) is a live query while the engine is started, and
 * paused while a run goes: re-counting a long queue after each batch's transactions cost a fifth of a
 * sync's time. A run reports progress meanwhile and the status is fresh again when it ends.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollQuietly, faultyFetch, freshPhoneDb, saveMany, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

describe('live sync status', () => {
  it('follows saves while idle, holds still during a run, and is fresh when the run ends', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, Math.random);
    const engine = testEngine(db, net.fetch, { limits: { maxRecords: 1 } });
    await engine.start(); // not enrolled yet: nothing runs
    await saveMany(db, 4);
    await expect.poll(() => engine.status.get().waiting).toBe(4);

    const waitingDuringRun: number[] = [];
    const unsubscribe = engine.status.subscribe((status) => {
      if (status.isRunning) waitingDuringRun.push(status.waiting);
    });
    await enrollQuietly(db, registry);
    engine.requestSync('enrolled');
    await engine.whenIdle();
    unsubscribe();
    expect(net.calls.filter((call) => call.url.endsWith('/sync/push'))).toHaveLength(4); // four batches
    expect(new Set(waitingDuringRun)).toEqual(new Set([4]));
    expect(engine.status.get()).toMatchObject({ isRunning: false, waiting: 0 });

    await saveMany(db, 1); // live again after the run
    await expect.poll(() => engine.status.get().waiting).toBe(1);
    engine.stop();
  });
});
