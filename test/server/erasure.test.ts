/**
 * Erasure on the person's request on each engine: after it no personal value of the person remains in
 * any text column of any table (the record, its versions, a second phone's duplicate attempt, a BPJS
 * import row, an earlier search in the audit log), the NIK can be registered again, both phones are told
 * to drop their copies through pull, a late push of the erased record stores nothing, and the audit keeps
 * who, when, why and a slow keyed hash of the NIK — never the NIK itself. The person leaves the
 * kelurahan's coverage count and the CSV export, even one asking for every status (rejected too).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_STATUSES } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const KEL = '3573011005';

/** Every row of every table, as text: what a copy of the database would hand out. */
async function wholeDatabaseText(h: Harness): Promise<string> {
  const { db } = h.app.registry.store;
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const dumps = await Promise.all(
    tables.map(async (t) => JSON.stringify((await sql`select * from ${sql.table(t.name)}`.execute(db)).rows)),
  );
  return dumps.join('\n');
}

describe.each(registryEngines())('erasure on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    let first: { deviceId: string; token: string };
    let second: { deviceId: string; token: string };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { nikHashSecret: 'kunci-di-luar-basis-data' });
      first = await h.enroll();
      second = await h.enroll();
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    /** The CSV export with every status, rejected included: an erased row must not hide behind a filter. */
    const exportText = async () => {
      const res = await admin.call('GET', `/admin/export.csv?status=${SERVER_STATUSES.join(',')}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.rawPayload.toString('utf8');
    };

    const coverageOf = async () =>
      (await admin.call('GET', '/admin/coverage'))
        .json()
        .kelurahan.find((k: { kode: string }) => k.kode === KEL).registered as number;

    it('leaves no personal value anywhere, frees the NIK, tells both phones and audits it', async () => {
      const person = {
        ...uniquePerson(7001),
        fullName: 'Sulastri Wahyuningsih',
        phone: '+6281377712345',
        heir: { name: 'Bambang Prakosonegoro', relationship: 'suami' as const, phone: '+6281399988877' },
      };
      const record = makeRegistration(person);
      await h.push(first.token, [record]);
      await h.push(first.token, [{ ...record, version: 2, birthPlace: 'Batu', updatedAt: record.updatedAt }]);
      const copy = makeRegistration({ ...person, fullName: 'Sulastri Wahyuningsi' });
      expect((await h.push(second.token, [copy])).results[0]?.outcome).toBe('duplicate_nik');
      await admin.call('GET', `/admin/registrations?q=${person.nik}`);
      await admin.call('GET', `/admin/registrations?q=${encodeURIComponent(person.fullName)}`);
      await admin.call('POST', `/admin/registrations/${record.id}/status`, {
        status: 'verified',
        reason: `Dicek dengan KTP ${person.fullName}`,
      });
      const before = await coverageOf();
      const exportedBefore = await exportText();
      expect(exportedBefore).toContain(person.nik);
      expect(exportedBefore).toContain('Prakosonegoro');
      const rowsBefore = exportedBefore.trimEnd().split('\r\n').length;
      const cursors = {
        first: (await h.pull(first.token)).cursor,
        second: (await h.pull(second.token)).cursor,
      };

      const res = await admin.call('POST', `/admin/registrations/${record.id}/erase`, {
        confirmation: 'sulastri  WAHYUNINGSIH',
        reason: 'Permintaan tertulis yang bersangkutan, 20 November',
      });
      expect(res.statusCode, res.body).toBe(200);

      const text = await wholeDatabaseText(h);
      for (const value of [
        person.nik,
        'Sulastri',
        'Wahyuningsi',
        '81377712345',
        'Prakosonegoro',
        '81399988877',
      ])
        expect(text, value).not.toContain(value);
      expect(await coverageOf()).toBe(before - 1);
      const exported = await exportText();
      for (const value of [person.nik, 'Sulastri', 'Wahyuningsi', '81377712345', 'Prakosonegoro'])
        expect(exported, value).not.toContain(value);
      expect(exported.trimEnd().split('\r\n')).toHaveLength(rowsBefore - 1);
      expect((await admin.call('GET', `/admin/registrations/${record.id}`)).statusCode).toBe(404);

      const [toFirst] = (await h.pull(first.token, cursors.first)).changes;
      const [toSecond] = (await h.pull(second.token, cursors.second)).changes;
      expect(toFirst).toMatchObject({ id: record.id, version: 2, erased: true, serverStatus: 'rejected' });
      expect(toSecond).toMatchObject({ id: copy.id, version: 1, erased: true });

      const audit = (await admin.call('GET', '/admin/audit?action=registration.erase')).json().items;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: `user:${admin.userId}`,
        target: record.id,
        detail: { reason: 'Permintaan tertulis yang bersangkutan, 20 November', records: [record.id] },
      });
      expect(audit[0].detail.nikHash).toMatch(/^\$argon2id\$/);

      // A late push of the erased record (an edit queued before the pull) is closed and stores nothing.
      const late = await h.push(first.token, [{ ...record, version: 3 }]);
      expect(late.results[0]).toMatchObject({ outcome: 'unchanged', serverStatus: 'rejected' });
      expect(await wholeDatabaseText(h)).not.toContain(person.nik);

      // The NIK is free: the person may register again later, as a new record.
      const again = makeRegistration({ ...person, fullName: 'Sulastri Wahyuningsih' });
      expect((await h.push(second.token, [again])).results[0]?.outcome).toBe('accepted');
    });

    it('blanks the NIK in another record’s old version that carried it by mistake', async () => {
      const person = uniquePerson(7004);
      const typo = makeRegistration({ ...person, fullName: 'Salah Ketik' });
      await h.push(second.token, [typo]);
      await h.push(second.token, [{ ...typo, ...uniquePerson(7005), version: 2 }]); // corrected
      const record = makeRegistration({ ...person, fullName: 'Karsinah Pemilik' });
      await h.push(first.token, [record]);
      const res = await admin.call('POST', `/admin/registrations/${record.id}/erase`, {
        confirmation: person.nik,
        reason: 'Permintaan',
      });
      expect(res.statusCode, res.body).toBe(200);
      const text = await wholeDatabaseText(h);
      expect(text).not.toContain(person.nik);
      expect(text).toContain('Salah Ketik'); // the other person's record stays
    });

    it('erases a person already covered at BPJS with the same NIK, and keeps others', async () => {
      const person = uniquePerson(7002);
      const record = makeRegistration({ ...person, fullName: 'Wagiyem Sutrisno' });
      const other = makeRegistration({ ...uniquePerson(7003), fullName: 'Wagiyem Lestari' });
      await h.push(first.token, [record, other]);
      await h.app.registry.store.db
        .insertInto('covered_people')
        .values({
          nik: person.nik,
          full_name: 'Wagiyem S',
          kelurahan_kode: KEL,
          batch_id: 'b',
          imported_at: 'x',
        })
        .execute();
      const res = await admin.call('POST', `/admin/registrations/${record.id}/erase`, {
        confirmation: person.nik,
        reason: 'Permintaan lisan di kantor kelurahan',
      });
      expect(res.statusCode, res.body).toBe(200);
      const text = await wholeDatabaseText(h);
      expect(text).not.toContain(person.nik);
      expect(text).not.toContain('Wagiyem S');
      expect(text).toContain('Wagiyem Lestari');
    });

    it.each([
      ['another name', { confirmation: 'Siti Aminah', reason: 'Permintaan' }, 422, 7011],
      ['no reason', { confirmation: 'Darmi Suwarni', reason: '  ' }, 422, 7012],
      ['no body', undefined, 400, 7013],
    ])('refuses with %s and erases nothing', async (_, body, status, n) => {
      const record = makeRegistration({ ...uniquePerson(n), fullName: 'Darmi Suwarni' });
      await h.push(first.token, [record]);
      const res = await admin.call('POST', `/admin/registrations/${record.id}/erase`, body);
      expect(res.statusCode).toBe(status);
      expect(res.json().detail).toMatch(/[a-z]/);
      expect((await admin.call('GET', `/admin/registrations/${record.id}`)).statusCode).toBe(200);
    });

    it('is 404 for an unknown or malformed id', async () => {
      const body = { confirmation: 'x', reason: 'y' };
      for (const id of [crypto.randomUUID(), 'bukan-id'])
        expect((await admin.call('POST', `/admin/registrations/${id}/erase`, body)).statusCode).toBe(404);
    });
  });
});
