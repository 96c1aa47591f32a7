/**
 * kelurahan_counts (migration 0010, migration-national-scale.ts) stays equal to the grouped count of countable registrations —
 * not rejected, not voided; APBD-funded counted apart — whatever happens to the rows: pushes of new
 * records and new versions that move a person to another kelurahan or change the funding, verdicts,
 * voids, deletions. Random sequences of those on both engines, compared after every sequence.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../src/shared/registration';
import { readCoverage, readCoverageCounts } from '../../src/server/services/coverage-data';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const KELURAHAN = ['3573011005', '3573041001', '3573051001'];
const STATUSES = ['received', 'verified', 'active', 'rejected'] as const;

const opArb = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), kelurahan: fc.nat(2), apbd: fc.boolean() }),
  fc.record({
    kind: fc.constant('edit' as const),
    which: fc.nat(),
    kelurahan: fc.nat(2),
    apbd: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('status' as const), which: fc.nat(), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('void' as const), which: fc.nat(), voided: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

describe.each(registryEngines())('coverage counts on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let token: string;
    let person = 0;
    const records: Registration[] = [];

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      token = (await h.enroll()).token;
    });
    afterAll(async () => h?.app.close());

    const db = () => h.app.registry.store.db;

    function recordFor(op: { kelurahan: number; apbd: boolean }, base?: Registration): Registration {
      return makeRegistration({
        ...(base ?? { ...uniquePerson(5_000 + ++person) }),
        ...(base && { version: base.version + 1 }),
        address: { street: 'Jl. Kawi 2', rt: '001', rw: '002', kelurahanKode: KELURAHAN[op.kelurahan]! },
        funding: op.apbd ? 'APBD' : 'MANDIRI',
      });
    }

    async function apply(op: Op): Promise<void> {
      const target = records.length > 0 && 'which' in op ? records[op.which % records.length]! : undefined;
      if (op.kind === 'push') {
        const record = recordFor(op);
        records.push(record);
        await h.push(token, [record]);
      } else if (op.kind === 'edit' && target) {
        const next = recordFor(op, target);
        records[records.indexOf(target)] = next;
        await h.push(token, [next]);
      } else if (op.kind === 'status' && target) {
        await db()
          .updateTable('registrations')
          .set({ status: op.status })
          .where('id', '=', target.id)
          .execute();
      } else if (op.kind === 'void' && target) {
        const voided_at = op.voided ? '2026-11-23T09:00:00.000Z' : null;
        await db().updateTable('registrations').set({ voided_at }).where('id', '=', target.id).execute();
      } else if (op.kind === 'delete' && target) {
        await sql`delete from registration_versions where registration_id = ${target.id}`.execute(db());
        await db().deleteFrom('registrations').where('id', '=', target.id).execute();
      }
    }

    async function groupedCounts(): Promise<Record<string, [number, number]>> {
      const rows = await db()
        .selectFrom('registrations')
        .where('status', '!=', 'rejected')
        .where('voided_at', 'is', null)
        .select((eb) => [
          'kelurahan_kode',
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.sum<number | string>(eb.case().when('funding', '=', 'APBD').then(1).else(0).end()).as('apbd'),
        ])
        .groupBy('kelurahan_kode')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.kelurahan_kode, [Number(r.n), Number(r.apbd)]]));
    }

    async function keptCounts(): Promise<Record<string, [number, number]>> {
      const rows = await db()
        .selectFrom('kelurahan_counts')
        .selectAll()
        .where('registered', '>', 0)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.kelurahan_kode, [Number(r.registered), Number(r.apbd)]]));
    }

    it('equal the grouped count after any sequence of writes', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
          for (const op of ops) await apply(op);
          expect(await keptCounts()).toEqual(await groupedCounts());
        }),
        { numRuns: 25 },
      );
      expect(records.length).toBeGreaterThan(10);
    });

    it('are what coverage and the prefix sums read', async () => {
      const grouped = await groupedCounts();
      const total = Object.values(grouped).reduce((sum, [n]) => sum + n, 0);
      expect((await readCoverageCounts(db(), '')).registered).toBe(total);
      expect((await readCoverageCounts(db(), '3573')).registered).toBe(total);
      expect(await readCoverageCounts(db(), KELURAHAN[1]!)).toEqual({
        registered: grouped[KELURAHAN[1]!]?.[0] ?? 0,
        apbd: grouped[KELURAHAN[1]!]?.[1] ?? 0,
      });
      expect((await readCoverageCounts(db(), '11')).registered).toBe(0);
      const report = await readCoverage(db());
      expect(report.city.registered).toBe(total);
    });
  });
});
