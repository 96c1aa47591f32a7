/**
 * Two pushes whose new records lie in the same two kelurahan take their locks in one order, so they
 * wait for each other instead of deadlocking. Each inserted row bumps its kelurahan's row in
 * `kelurahan_counts` (a trigger, migration 0010), and that row stays locked until the push commits:
 * with the rows inserted in id order, a push holding kelurahan 1 and wanting 2 met one holding 2 and
 * wanting 1. PostgreSQL broke each such circle after its 1 s deadlock_timeout and the victim's batch
 * ran again alone, holding every other push back: 10 phones pushing at once saw p99 3.0 s (bench
 * `--only scale`). Only PostgreSQL runs two pushes' transactions at once; on SQLite this cannot happen.
 *
 * The interleaving is forced with gates: a row whose street is "Gerbang <k>" waits, after its insert
 * and before its count, for advisory lock 8000 + k, which the test holds.
 */
import { Client } from 'pg';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema';
import type { Registration } from '../../src/shared/registration';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { setRegistrationStatus } from '../../src/server/services/status';
import { installGates } from './pg-gates';
import { openHarness } from './support';

afterAll(stopEngines);

const KELURAHAN_1 = '3573011001';
const KELURAHAN_2 = '3573011002';

/** Lock requests of this database not granted yet: on advisory locks (gates) and on anything else. */
async function waiters(db: Kysely<Database>): Promise<{ gates: number; rows: number }> {
  const { rows } = await sql<{ gates: number; rows: number }>`
    select count(*) filter (where locktype = 'advisory')::int as gates,
           count(*) filter (where locktype <> 'advisory')::int as rows
    from pg_locks
    where not granted and pid in (select pid from pg_stat_activity where datname = current_database())`.execute(
    db,
  );
  return rows[0]!;
}

async function until(db: Kysely<Database>, wanted: { gates: number; rows: number }): Promise<void> {
  for (;;) {
    const now = await waiters(db);
    if (now.gates === wanted.gates && now.rows === wanted.rows) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Deadlocks PostgreSQL broke in this database (a backend reports its count when it ends, at the latest). */
async function deadlocks(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select deadlocks as n from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Each push answered 200 with every record accepted. */
async function expectAllAccepted(pushes: Promise<{ statusCode: number; body: string; json(): unknown }>[]) {
  for (const res of await Promise.all(pushes)) {
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json() as { results: { outcome: string }[] };
    expect(results.map((r) => r.outcome)).toEqual(results.map(() => 'accepted'));
  }
}

/** Two new records with ids in order: the first in `first`, the second in `second`, gated if asked. */
function pairIn(first: string, second: string, n: number, gateOfSecond?: number): Registration[] {
  const ids = [crypto.randomUUID(), crypto.randomUUID()].sort();
  return [first, second].map((kelurahanKode, k) => {
    const record = makeRegistration({ ...uniquePerson(n + k), id: ids[k]! });
    const street = k === 1 && gateOfSecond !== undefined ? `Gerbang ${gateOfSecond}` : record.address.street;
    return { ...record, address: { ...record.address, kelurahanKode, street } };
  });
}

describe.each(registryEngines().filter((e) => e.name === 'postgres'))(
  'push lock order on $name',
  (engine) => {
    describe.runIf(engine.isAvailable)('', () => {
      it('two pushes sharing two kelurahan in opposite id orders wait in turn: both accepted, no deadlock', async () => {
        const databaseUrl = await engine.newDatabaseUrl();
        const h = await openHarness(databaseUrl);
        const db = h.app.registry.store.db;
        try {
          const phone = await h.enroll();
          await installGates(db);
          // Push A: kelurahan 1, then 2 (gate 1) by id; push B: kelurahan 2 (gate 2), then 1 by id.
          const a = pairIn(KELURAHAN_1, KELURAHAN_2, 1, 1);
          const [b1, b2] = pairIn(KELURAHAN_2, KELURAHAN_1, 3);
          const b = [{ ...b1!, address: { ...b1!.address, street: 'Gerbang 2' } }, b2!];
          const push = (records: Registration[]) => h.pushRaw(phone.token, { protocolVersion: 1, records });
          await db.connection().execute(async (gates) => {
            await sql`select pg_advisory_lock(8001), pg_advisory_lock(8002)`.execute(gates);
            const pushA = push(a); // counts kelurahan 1, then waits at gate 1
            await until(db, { gates: 1, rows: 0 });
            // In id order B would stop at gate 2 holding nothing, then (gate 2 open) count kelurahan 2 and
            // wait for A's kelurahan 1; in kelurahan order it waits for A's kelurahan 1 first. Either way it
            // ends waiting on A's row.
            const pushB = push(b);
            await sql`select pg_advisory_unlock(8002)`.execute(gates);
            await until(db, { gates: 1, rows: 1 });
            await sql`select pg_advisory_unlock(8001)`.execute(gates);
            await expectAllAccepted([pushA, pushB]);
          });
          const counts = await db
            .selectFrom('kelurahan_counts')
            .select(['kelurahan_kode', 'registered'])
            .execute();
          expect(counts.sort((x, y) => x.kelurahan_kode.localeCompare(y.kelurahan_kode))).toEqual([
            { kelurahan_kode: KELURAHAN_1, registered: 2 },
            { kelurahan_kode: KELURAHAN_2, registered: 2 },
          ]);
        } finally {
          await h.app.close(); // the pool's backends end and report their statistics
        }
        expect(await deadlocks(databaseUrl)).toBe(0);
      });

      it('a push that resubmits a rejected record takes its kelurahan counts in order too: no deadlock', async () => {
        const databaseUrl = await engine.newDatabaseUrl();
        const h = await openHarness(databaseUrl);
        const store = h.app.registry.store;
        try {
          const phone = await h.enroll();
          await installGates(store.db);
          // A record in kelurahan 2, rejected at the office: its edit moves it back into the count. One
          // in kelurahan 1 gives it its count row (a kelurahan's very first registration has none to lock).
          const [rejected, first] = pairIn(KELURAHAN_2, KELURAHAN_1, 11);
          const seeded = (await h.push(phone.token, [rejected!, first!])).results;
          expect(seeded.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
          await setRegistrationStatus(store, new Date().toISOString(), 'test', {
            id: rejected!.id,
            status: 'rejected',
            reason: 'Foto KTP buram',
          });
          const resubmitted = { ...rejected!, version: 2, fullName: 'Nama Diperbaiki' };
          const [gatedNew] = pairIn(KELURAHAN_1, KELURAHAN_1, 17);
          const a = [resubmitted, { ...gatedNew!, address: { ...gatedNew!.address, street: 'Gerbang 1' } }];
          const b = pairIn(KELURAHAN_1, KELURAHAN_2, 15);
          const push = (records: Registration[]) => h.pushRaw(phone.token, { protocolVersion: 1, records });
          await store.db.connection().execute(async (gates) => {
            await sql`select pg_advisory_lock(8001)`.execute(gates);
            // A: the update counts kelurahan 2 when its statement ends, then its insert waits at gate 1
            // (before counting kelurahan 1). Locked up front in order, A holds kelurahan 1 already.
            const pushA = push(a);
            await until(store.db, { gates: 1, rows: 0 });
            // B inserts in kelurahan 1, then 2: it waits on A for one of them either way.
            const pushB = push(b);
            await until(store.db, { gates: 1, rows: 1 });
            await sql`select pg_advisory_unlock(8001)`.execute(gates);
            await expectAllAccepted([pushA, pushB]);
          });
        } finally {
          await h.app.close();
        }
        expect(await deadlocks(databaseUrl)).toBe(0);
      });
    });
  },
);
