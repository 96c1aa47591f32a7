/**
 * The sync promise as a property: for any interleaving of saves, edits (also while a push is in
 * flight), syncs through a lossy network, tabs dying mid-push, a second engine on the same database
 * server restarts and KTP photos (re)taken, a final sync on a good network leaves the registry holding
 * exactly the phone's latest version of every record and the photo it names, once — nothing lost,
 * nothing twice, every outbox entry settled, no photo left on the phone.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOutboxBatch, updateRegistration, type JaringDb } from '../../src/client/db';
import type { LockManagerLike } from '../../src/client/sync/runner-lock';
import { takenPhoto } from '../fixtures/photos';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  editName,
  enrollQuietly,
  expectConverged,
  faultyFetch,
  freshPhoneDb,
  saveOne,
  seededRandom,
  testEngine,
} from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const LEASE_MS = 60_000;

const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'save' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      isConcurrent: fc.boolean(),
      dropRequest: fc.constantFrom(0, 0.3, 0.6),
      dropResponse: fc.constantFrom(0, 0.3, 0.6),
      maxRecords: fc.integer({ min: 1, max: 6 }),
      editDuringPush: fc.option(fc.nat(), { nil: undefined }),
      seed: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tab_dies' as const), count: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('photo' as const), pick: fc.nat() }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  db: JaringDb;
  ids: string[];
  clock: number;
}

async function edit(world: World, pick: number): Promise<void> {
  if (world.ids.length === 0) return;
  const id = world.ids[pick % world.ids.length]!;
  await editName(world.db, id, `Nama Versi ${Date.now() % 100_000} ${pick}`);
}

let photoSeed = 0;

/** A (re)take of a record's KTP photo: a new version naming new bytes. */
async function retakePhoto(world: World, pick: number): Promise<void> {
  if (world.ids.length === 0) return;
  const id = world.ids[pick % world.ids.length]!;
  const record = await world.db.registrations.get(id);
  if (!record) return;
  const at = { now: new Date(world.clock), newId: () => crypto.randomUUID() };
  const result = await updateRegistration(world.db, id, record, at, takenPhoto(++photoSeed));
  if (!result.ok) throw new Error(`retake failed: ${JSON.stringify(result)}`);
}

async function runStep(world: World, step: Step): Promise<void> {
  switch (step.kind) {
    case 'photo':
      return retakePhoto(world, step.pick);
    case 'save':
      world.ids.push(await saveOne(world.db));
      return;
    case 'edit':
      return edit(world, step.pick);
    case 'tab_dies':
      // A tab claimed records and closed before the request went out; the lease must run out.
      await claimOutboxBatch(world.db, {
        now: world.clock,
        leaseMs: LEASE_MS,
        maxRecords: step.count,
        maxBytes: 1e6,
      });
      world.clock += LEASE_MS + 1;
      return;
    case 'restart':
      return registry.restart();
    case 'sync': {
      // Two runners at once (two tabs, no lock between them) or one.
      const runners = step.isConcurrent ? [0, 1] : [0];
      await Promise.all(runners.map((n) => syncAttempt(world, step, n)));
      world.clock += 1_000;
    }
  }
}

const noExclusion: LockManagerLike = {
  request: (_name, _options, callback) => Promise.resolve(callback({})),
};

async function syncAttempt(
  world: World,
  step: Extract<Step, { kind: 'sync' }>,
  runner: number,
): Promise<void> {
  const net = faultyFetch(registry, seededRandom(step.seed + runner), {
    dropRequest: step.dropRequest,
    dropResponse: step.dropResponse,
    duringPush: async (n, forward) => {
      if (n === 1 && step.editDuringPush !== undefined) await edit(world, step.editDuringPush);
      return forward();
    },
  });
  const engine = testEngine(world.db, net.fetch, {
    now: () => world.clock,
    random: seededRandom(step.seed + runner + 7),
    limits: { maxRecords: step.maxRecords },
    locks: noExclusion,
  });
  await engine.syncOnce(); // one attempt: it may fail part-way, as on a real phone
}

/** Every photo a record names is at the registry, once, and none is left on the phone. */
async function expectPhotosAtRegistry(db: JaringDb): Promise<void> {
  expect(await db.photos.count()).toBe(0);
  for (const record of await db.registrations.toArray()) {
    const named = 'ktpPhoto' in record ? record.ktpPhoto?.sha256 : undefined;
    if (!named) continue;
    const rows = await registry.query<{ n: number }>(
      `select count(*) as n from registration_photos where registration_id = '${record.id}' and sha256 = '${named}'`,
    );
    expect(Number(rows[0]?.n)).toBe(1);
  }
}

describe('sync property', () => {
  it('any interleaving of saves, edits and faults converges to the phone’s latest versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), async (steps) => {
        const world: World = { db: freshPhoneDb(), ids: [], clock: Date.now() };
        const deviceId = await enrollQuietly(world.db, registry);
        for (const step of steps) await runStep(world, step);
        // Finally a good network, after every lease from the steps has run out.
        const settle = testEngine(world.db, faultyFetch(registry, Math.random).fetch, {
          now: () => world.clock + 2 * LEASE_MS,
        });
        settle.requestSync('manual');
        await settle.whenIdle();
        const result = await expectConverged(world.db, registry, deviceId);
        expect(result).toMatchObject({
          phone: world.ids.length,
          server: world.ids.length,
          outbox: 0,
          duplicates: 0,
        });
        expect(result.mismatches).toEqual([]);
        await expectPhotosAtRegistry(world.db);
        world.db.close();
      }),
      { numRuns: 20 },
    );
  });
});
