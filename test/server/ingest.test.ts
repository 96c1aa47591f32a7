/**
 * Push ingestion inside one batch: a repeated id or NIK is judged in order, exactly as if the records
 * had come one at a time. Each case runs the batch on one database and the same records one by one on
 * another, and compares the answers and every column of the rows, on each engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../src/shared/registration';
import type { PushResult } from '../../src/shared/sync-protocol';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import { ingestBatch } from '../../src/server/services/ingest';
import { toRegistrationRow } from '../../src/server/services/registration-row';
import { contextFor, openTwin, type DeviceId, type Twin } from './ingest-support';

afterAll(stopEngines);

/**
 * Waits until a PostgreSQL session is blocked on a lock. Asked outside any transaction: within one,
 * pg_stat_activity is a snapshot taken at first use.
 */
async function waitForLockWaiter(db: Kysely<Database>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where wait_event_type = 'Lock' and datname = current_database()`.execute(db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(registryEngines())('batched ingest on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let twin: Twin;
    let n = 5000;
    const nik = () => uniquePerson(++n);
    const person = (overrides: Partial<Registration> = {}) => makeRegistration({ ...nik(), ...overrides });

    beforeAll(async () => {
      twin = await openTwin(() => engine.newDatabaseUrl());
    });
    afterAll(async () => twin?.close());

    /** Pushes on both databases; the batch must answer and store exactly what one by one does. */
    async function pushBoth(records: unknown[], deviceId: DeviceId = 'phone-a'): Promise<PushResult[]> {
      const { batched, oneByOne } = await twin.push(deviceId, records);
      expect(batched).toEqual(oneByOne);
      const ids = records.flatMap((r) => (typeof r === 'object' && r && 'id' in r ? [String(r.id)] : []));
      const rows = await twin.rows([...new Set(ids)]);
      expect(rows.batched).toEqual(rows.oneByOne);
      return batched;
    }
    const outcomes = (results: PushResult[]) => results.map((r) => r.outcome);

    it('accepts two versions of one id in order and answers an older one after a newer with stale', async () => {
      const v1 = person();
      const v2 = { ...v1, version: 2, fullName: 'Siti Aminah Rahayu' };
      expect(outcomes(await pushBoth([v1, v2]))).toEqual(['accepted', 'accepted']);
      const w3 = { ...person(), version: 3 };
      const w2 = { ...w3, version: 2, fullName: 'Nama Lama' };
      expect(await pushBoth([w3, w2])).toEqual([
        { id: w3.id, version: 3, outcome: 'accepted', serverStatus: 'received' },
        { id: w3.id, version: 2, outcome: 'stale', currentVersion: 3 },
      ]);
      const rows = await twin.rows([v1.id]);
      expect(rows.batched[0]).toMatchObject({ version: 2, full_name: 'Siti Aminah Rahayu' });
    });

    it('answers a second id with the same NIK as duplicate_nik, with the first’s kelurahan and date only', async () => {
      const first = person({ createdAt: '2026-11-20T01:00:00.000Z' });
      const second = person({
        nik: first.nik,
        birthDate: first.birthDate,
        fullName: 'Orang Lain',
        createdAt: NOW,
        address: { ...first.address, kelurahanKode: '3573021001' },
      });
      const results = await pushBoth([first, second]);
      expect(results[1]).toEqual({
        id: second.id,
        version: 1,
        outcome: 'duplicate_nik',
        // The registry's receipt of the first (the official registration date), not its phone's createdAt.
        duplicate: { kelurahanKode: '3573011005', registeredAt: NOW },
      });
    });

    it('answers the same record twice in one batch with accepted, then unchanged, one row', async () => {
      const record = person();
      expect(await pushBoth([record, record])).toEqual([
        { id: record.id, version: 1, outcome: 'accepted', serverStatus: 'received' },
        { id: record.id, version: 1, outcome: 'unchanged', serverStatus: 'received' },
      ]);
      expect((await twin.rows([record.id])).batched).toHaveLength(1);
    });

    it('sends a rejected record’s correction back to received once, even sent twice', async () => {
      const v1 = person();
      await pushBoth([v1]);
      await twin.reject(v1.id);
      const v2 = { ...v1, version: 2, fullName: 'Siti Aminah Rahayu' };
      expect(await pushBoth([v2, v2])).toEqual([
        { id: v1.id, version: 2, outcome: 'accepted', serverStatus: 'received' },
        { id: v1.id, version: 2, outcome: 'unchanged', serverStatus: 'received' },
      ]);
      const [row] = (await twin.rows([v1.id])).batched;
      expect(row).toMatchObject({ status: 'received', status_reason: null, version: 2 });
    });

    it('lets a NIK freed by an edit earlier in the batch go to another record', async () => {
      const a = person();
      await pushBoth([a]);
      const newNik = nik();
      const aEdited = { ...a, ...newNik, version: 2, address: { ...a.address, kelurahanKode: '3573021001' } };
      const b = person({ nik: a.nik, birthDate: a.birthDate });
      const c = person(newNik);
      const results = await pushBoth([aEdited, b, c]);
      expect(outcomes(results)).toEqual(['accepted', 'accepted', 'duplicate_nik']);
      // The holder is now in another kelurahan than the phone's: where and when are not said.
      expect(results[2]?.duplicate).toBeUndefined();
    });

    it('swaps NIKs between stored records through a third NIK, as one by one would', async () => {
      const a = person();
      const b = person();
      await pushBoth([a, b]);
      const parked = { ...a, ...nik(), version: 2 };
      const bTakesA = { ...b, nik: a.nik, birthDate: a.birthDate, version: 2 };
      const aTakesB = { ...a, nik: b.nik, birthDate: b.birthDate, version: 3 };
      expect(outcomes(await pushBoth([parked, bTakesA, aTakesB]))).toEqual([
        'accepted',
        'accepted',
        'accepted',
      ]);
      const rows = (await twin.rows([a.id, b.id])).batched;
      expect(Object.fromEntries(rows.map((r) => [r.id, r.nik]))).toEqual({ [a.id]: b.nik, [b.id]: a.nik });
    });

    it('lets a new record change its NIK and another new record take the old one', async () => {
      const first = person();
      const moved = { ...first, ...nik(), version: 2 };
      const taker = person({ nik: first.nik, birthDate: first.birthDate });
      expect(outcomes(await pushBoth([first, moved, taker]))).toEqual(['accepted', 'accepted', 'accepted']);
    });

    it('keeps the others when a record is invalid or belongs to another device', async () => {
      const theirs = person();
      await pushBoth([theirs], 'phone-b');
      const good = person();
      const results = await pushBoth([
        good,
        { ...person(), nik: '123' },
        'not a record',
        { ...theirs, version: 2 },
        { ...person(), nik: good.nik, birthDate: good.birthDate },
        person(),
      ]);
      expect(outcomes(results)).toEqual([
        'accepted',
        'invalid',
        'invalid',
        'invalid',
        'duplicate_nik',
        'accepted',
      ]);
      expect(results[3]?.errors).toEqual([{ field: 'id', code: 'id_invalid' }]);
    });

    it('retries a batch that loses a NIK race and answers it duplicate_nik', async () => {
      const mine = person();
      const theirs = person({ nik: mine.nik, birthDate: mine.birthDate, fullName: 'Orang Lain' });
      const { db } = twin.batched;
      let racing: Promise<PushResult[]> | undefined;
      // The first writer holds its uncommitted row while the batch reads (no holder yet) and inserts, which
      // on PostgreSQL waits on the unique index and fails once the first commits: the retry must answer.
      await db.transaction().execute(async (trx) => {
        const row = toRegistrationRow(mine, 'phone-a', NOW);
        await trx
          .insertInto('registrations')
          .values({
            ...row,
            received_at: NOW,
            status: 'received',
            status_reason: null,
            status_changed_at: NOW,
          })
          .execute();
        racing = ingestBatch(twin.batched, [person(), theirs], contextFor('phone-b'));
        if (engine.name === 'postgres') await waitForLockWaiter(db);
      });
      const results = await racing!;
      expect(outcomes(results)).toEqual(['accepted', 'duplicate_nik']);
      expect(results[1]?.duplicate).toEqual({ kelurahanKode: '3573011005', registeredAt: NOW });
    });

    // Three pushes of up to 703 records: several seconds on a busy 2-core machine, past the 30 s default.
    it('ingests a batch far larger than one insert statement holds, and answers its resend unchanged', async () => {
      const records = Array.from({ length: 700 }, () => person());
      const stored = records.slice(0, 3);
      await pushBoth(stored);
      const batch = [...records, { ...stored[0]!, version: 2 }, { ...person(), nik: records[10]!.nik }];
      const first = await pushBoth(batch);
      expect(outcomes(first).filter((o) => o === 'accepted')).toHaveLength(698);
      expect(outcomes(first).slice(-2)).toEqual(['accepted', 'duplicate_nik']);
      const again = outcomes(await pushBoth(batch));
      expect(again[0]).toBe('stale');
      expect(new Set(again.slice(1, 701))).toEqual(new Set(['unchanged']));
    }, 120_000);
  });
});
