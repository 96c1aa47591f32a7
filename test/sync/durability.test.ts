/**
 * What the volunteer typed commits strict (on disk before it is reported done); the sync's own
 * bookkeeping commits relaxed (db/database.ts, sync README invariant 14), since a lost bookkeeping
 * commit only means a push answered `unchanged`. Counted at IndexedDB itself: every read-write
 * transaction opened, with its durability and stores.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  enrollPhone,
  expectConverged,
  faultyFetch,
  freshPhoneDb,
  saveMany,
  seededRandom,
  testEngine,
} from './harness';

interface Opened {
  durability: string;
  stores: string;
}

let registry: TestRegistry;
const opened: Opened[] = [];
const prototype = IDBDatabase.prototype;
const transaction = prototype.transaction;

beforeAll(async () => {
  registry = await startRegistry();
  // Before any connection opens: Dexie binds the method when it opens one.
  prototype.transaction = function (this: IDBDatabase, stores, mode, options) {
    if (mode === 'readwrite')
      opened.push({ durability: options?.durability ?? 'default', stores: [stores].flat().sort().join(',') });
    return transaction.call(this, stores, mode, options);
  };
});
afterAll(async () => {
  prototype.transaction = transaction;
  await registry.close();
});

it('saves strict and syncs relaxed: claims, answers and the meta of a run, through lost answers', async () => {
  const db = freshPhoneDb();
  // Answers are lost once the phone is enrolled, so a claim is also handed back.
  const plain = faultyFetch(registry, seededRandom(7)).fetch;
  const lossy = faultyFetch(registry, seededRandom(7), { dropResponse: 0.3 }).fetch;
  let isLossy = false;
  const engine = testEngine(db, (input, init) => (isLossy ? lossy : plain)(input, init));
  const deviceId = await enrollPhone(engine, registry);
  await engine.whenIdle();
  isLossy = true;
  opened.splice(0);

  await saveMany(db, 1_200);
  const saves = opened.splice(0);
  expect(saves).toHaveLength(1_200);
  expect(new Set(saves.map((t) => t.durability))).toEqual(new Set(['strict']));

  await engine.syncOnce();
  await engine.whenIdle();
  isLossy = false;
  await engine.syncOnce();
  await expectConverged(db, registry, deviceId);
  const run = opened.splice(0);
  // Claims and answers (a claim's stores are an answer's), the runner lease and the run's meta.
  const stores = new Set(run.map((t) => t.stores));
  expect(stores).toContain('claims,outbox,registrations');
  expect(stores).toContain('meta');
  expect(run.filter((t) => t.durability !== 'relaxed')).toEqual([]);
  db.close();
});
