/**
 * Pushes that race on the same records answer as if they had come one after the other, with no 5xx and
 * one row per record. On SQLite pushes run one at a time anyway; on PostgreSQL they overlap for real
 * (app.inject runs them concurrently over the pool), and a batch that loses a race runs again, alone.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema';
import type { Registration } from '../../src/shared/registration';
import type { PushResult } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { installGates } from './pg-gates';
import { countRows, openHarness, type Harness } from './support';

afterAll(stopEngines);

const PUSHES = 6;
const ROUNDS = 40;

describe.each(registryEngines())('concurrent pushes on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let n = 0;
    const person = (overrides: Partial<Registration> = {}) =>
      makeRegistration({ ...uniquePerson(++n), ...overrides });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    /** Pushes and insists on a 200. */
    async function push(records: unknown[]): Promise<PushResult[]> {
      const res = await h.pushRaw(phone.token, { protocolVersion: 1, records });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().results;
    }
    const rowsOf = (records: Registration[]) =>
      h.app.registry.store.db
        .selectFrom('registrations')
        .select(['id', 'version', 'full_name'])
        .where(
          'id',
          'in',
          records.map((r) => r.id),
        )
        .execute();

    it(`${PUSHES} pushes of one batch, ${ROUNDS} rounds: one accepts every record, the others are unchanged`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const batch = Array.from({ length: 20 }, () => person());
        const answers = await Promise.all(Array.from({ length: PUSHES }, () => push(batch)));
        const kinds = answers.map((results) => [...new Set(results.map((r) => r.outcome))].join());
        expect(kinds.sort()).toEqual(['accepted', ...Array<string>(PUSHES - 1).fill('unchanged')]);
        expect(await rowsOf(batch)).toHaveLength(batch.length);
      }
    });

    it(`${PUSHES} pushes of overlapping batches in clashing orders, ${ROUNDS} rounds: each record accepted once`, async () => {
      const before = await countRows(h.app, 'registrations');
      for (let round = 0; round < ROUNDS; round++) {
        const records = Array.from({ length: 24 }, () => person());
        // Windows of 16, 4 apart, every other one reversed: a push can lose to one neighbour, then to the
        // next (before the fix, such a chain ran out of retries and answered 500 about once in 40 rounds).
        const batches = Array.from({ length: PUSHES }, (_, k) => {
          const window = [...records, ...records].slice(k * 4, k * 4 + 16);
          return k % 2 === 0 ? window : window.reverse();
        });
        const answers = (await Promise.all(batches.map((batch) => push(batch)))).flat();
        expect(answers.filter((r) => !['accepted', 'unchanged'].includes(r.outcome))).toEqual([]);
        const accepted = answers.filter((r) => r.outcome === 'accepted').map((r) => r.id);
        expect(accepted.sort()).toEqual(records.map((r) => r.id).sort());
      }
      expect(await countRows(h.app, 'registrations')).toBe(before + 24 * ROUNDS);
    });

    it(`${PUSHES} pushes of versions 2 and 3 of stored records, ${ROUNDS} rounds: 3 is kept, no version accepted twice`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const records = Array.from({ length: 10 }, () => person());
        await push(records);
        const v2 = records.map((r) => ({ ...r, version: 2, fullName: 'Versi Dua' }));
        const v3 = records.map((r) => ({ ...r, version: 3, fullName: 'Versi Tiga' }));
        const answers = (
          await Promise.all(Array.from({ length: PUSHES }, (_, k) => push(k % 2 === 0 ? v3 : v2)))
        ).flat();
        // One after the other: v3 accepted once; v2 once if it came before v3, else stale; the rest unchanged.
        const accepted = (version: number) =>
          answers.filter((r) => r.version === version && r.outcome === 'accepted').map((r) => r.id);
        expect(accepted(3).sort()).toEqual(records.map((r) => r.id).sort());
        expect(new Set(accepted(2)).size).toBe(accepted(2).length);
        const rows = await rowsOf(records);
        expect(new Set(rows.map((r) => `${r.version} ${r.full_name}`))).toEqual(new Set(['3 Versi Tiga']));
      }
    });
  });
});

/** Backends of this database waiting for a lock they have not been granted (pg_locks is exact at once). */
async function lockWaiters(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_locks
    where not granted and pid in (select pid from pg_stat_activity where datname = current_database())`.execute(
    db,
  );
  return rows[0]!.n;
}

async function untilLockWaiters(db: Kysely<Database>, count: number): Promise<void> {
  while ((await lockWaiters(db)) !== count) await new Promise((resolve) => setTimeout(resolve, 5));
}

// Only PostgreSQL runs two pushes' transactions at once; on SQLite this interleaving cannot happen.
describe.each(registryEngines().filter((e) => e.name === 'postgres'))(
  'a push losing race after race, on $name',
  (engine) => {
    describe.runIf(engine.isAvailable)('', () => {
      let h: Harness;
      let phone: { deviceId: string; token: string };

      beforeAll(async () => {
        h = await openHarness(await engine.newDatabaseUrl());
        phone = await h.enroll();
        await installGates(h.app.registry.store.db);
      });
      afterAll(async () => h?.app.close());

      it('runs its retry alone: it waits for the pushes in flight and answers unchanged', async () => {
        const db = h.app.registry.store.db;
        const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()].sort();
        const records = ids.map((id, k) => makeRegistration({ ...uniquePerson(k + 1), id }));
        const gated = (k: number) => ({
          ...records[k]!,
          address: { ...records[k]!.address, street: `Gerbang ${k}` },
        });
        const push = (batch: unknown[]) => h.pushRaw(phone.token, { protocolVersion: 1, records: batch });
        await db.connection().execute(async (gates) => {
          await sql`select pg_advisory_lock(8000), pg_advisory_lock(8001), pg_advisory_lock(8002)`.execute(
            gates,
          );
          // Three pushes, one record each, each holding its uncommitted row at its gate.
          const holders = [0, 1, 2].map((k) => push([gated(k)]));
          await untilLockWaiters(db, 3);
          // The batch of all three waits on the first row (its inserts go in id order).
          const batch = push(records);
          await untilLockWaiters(db, 4);
          // One commit at a time. Without the retry running alone, the batch's next attempt reads the rows
          // committed so far, inserts the rest and waits on the next holder: three losses, then a 500. With
          // it, the retry waits for the holders still in flight (2 of them, then 1) and then reads all three.
          for (const k of [0, 1, 2]) {
            await sql`select pg_advisory_unlock(${sql.lit(8000 + k)})`.execute(gates);
            expect((await holders[k]!).statusCode).toBe(200);
            if (k < 2) await untilLockWaiters(db, 3 - k);
          }
          const res = await batch;
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().results.map((r: PushResult) => r.outcome)).toEqual([
            'unchanged',
            'unchanged',
            'unchanged',
          ]);
        });
        expect(await countRows(h.app, 'registrations')).toBe(3);
      });
    });
  },
);
