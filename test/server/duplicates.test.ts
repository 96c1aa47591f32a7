/**
 * Data ganda on each engine: a duplicate_nik answer is kept with the second record's data, device and
 * time (once per id and version), shown beside the registered record, and each resolution does what it
 * says and reaches the phones through pull: same person (the copy is closed), the registered record is
 * wrong (voided: out of coverage and the export, its NIK freed, the waiting record accepted), NIK
 * mistyped (back to the volunteer). Each is audited; a second resolution is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('duplicates on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let verifikator: Officer;
    let first: { deviceId: string; token: string };
    let second: { deviceId: string; token: string };
    let n = 60;

    /** The first phone registers a person; the second registers the same NIK under another name. */
    async function clash() {
      const person = uniquePerson(++n);
      const held = makeRegistration({ ...person, fullName: 'Sumiati' });
      const waiting = makeRegistration({ ...person, fullName: 'Sumiyati' });
      await h.push(first.token, [held]);
      const [answer] = (await h.push(second.token, [waiting])).results;
      expect(answer?.outcome).toBe('duplicate_nik');
      const list = (await verifikator.call('GET', '/admin/duplicates')).json();
      const item = list.items.find((i: { recordId: string }) => i.recordId === waiting.id);
      return { held, waiting, attemptId: item.id as number };
    }
    const resolve = (id: number, resolution: string) =>
      verifikator.call('POST', `/admin/duplicates/${id}/resolve`, { resolution });
    const lastChange = async (token: string) => (await h.pull(token)).changes.at(-1);

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      first = await h.enroll();
      second = await h.enroll();
      verifikator = await signInAs(h.app, 'verifikator');
    });
    afterAll(async () => h?.app.close());

    it('keeps the attempt once, with the data, device and time, beside the registered record', async () => {
      const { held, waiting, attemptId } = await clash();
      await h.push(second.token, [waiting]); // the phone retries: still one attempt
      const open = (await verifikator.call('GET', '/admin/duplicates')).json();
      expect(open.items.filter((i: { recordId: string }) => i.recordId === waiting.id)).toHaveLength(1);
      const pair = (await verifikator.call('GET', `/admin/duplicates/${attemptId}`)).json();
      expect(pair.attempt).toMatchObject({
        deviceId: second.deviceId,
        record: { fullName: 'Sumiyati', nik: held.nik },
      });
      expect(pair.holder.record).toMatchObject({ id: held.id, fullName: 'Sumiati' });
      const operator = await signInAs(h.app, 'operator', ['3573011005']);
      expect((await operator.call('GET', `/admin/duplicates/${attemptId}`)).statusCode).toBe(403);
    });

    it('same person: the second phone is told its copy is closed', async () => {
      const { waiting, attemptId } = await clash();
      expect((await resolve(attemptId, 'same_person')).statusCode).toBe(200);
      expect(await lastChange(second.token)).toMatchObject({
        id: waiting.id,
        serverStatus: 'rejected',
        reason: expect.stringContaining('sudah terdaftar'),
      });
      expect((await resolve(attemptId, 'mistyped')).statusCode).toBe(409);
    });

    it('mistyped: the volunteer is asked to check the NIK against the KTP', async () => {
      const { waiting, attemptId } = await clash();
      await resolve(attemptId, 'mistyped');
      expect(await lastChange(second.token)).toMatchObject({
        id: waiting.id,
        reason: expect.stringContaining('KTP'),
      });
    });

    it('void the registered record: it leaves coverage and the export, the waiting record takes the NIK', async () => {
      const { held, waiting, attemptId } = await clash();
      const before = (await verifikator.call('GET', '/admin/coverage')).json().city.registered;
      expect((await resolve(attemptId, 'void_holder')).statusCode).toBe(200);
      const rows = await h.app.registry.store.db
        .selectFrom('registrations')
        .select(['id', 'nik', 'voided_at'])
        .where('id', 'in', [held.id, waiting.id])
        .execute();
      expect(rows.find((r) => r.id === waiting.id)).toMatchObject({ nik: held.nik, voided_at: null });
      expect(rows.find((r) => r.id === held.id)?.voided_at).not.toBeNull();
      expect((await verifikator.call('GET', '/admin/coverage')).json().city.registered).toBe(before); // one out, one in
      expect((await verifikator.call('GET', `/admin/registrations/${held.id}`)).statusCode).toBe(404);
      const csv = (await verifikator.call('GET', '/admin/export.csv')).body;
      expect(csv).toContain('Sumiyati');
      expect(await lastChange(second.token)).toMatchObject({ id: waiting.id, serverStatus: 'received' });
      expect(await lastChange(first.token)).toMatchObject({ id: held.id, serverStatus: 'rejected' });
      const audit = (
        await h.app.inject({ url: '/api/v1/admin/audit?action=duplicate', headers: h.admin })
      ).json();
      expect(audit.items[0]).toMatchObject({
        action: 'duplicate.resolve',
        detail: { resolution: 'void_holder' },
      });
    });

    it('a voided record is closed: a later push of it is answered rejected and changes nothing', async () => {
      const { held, attemptId } = await clash();
      await resolve(attemptId, 'void_holder');
      const edit = { ...held, version: 2, fullName: 'Sumiati Baru', nik: uniquePerson(999).nik };
      const [answer] = (await h.push(first.token, [edit])).results;
      expect(answer).toMatchObject({ outcome: 'unchanged', serverStatus: 'rejected' });
      const [row] = await h.app.registry.store.db
        .selectFrom('registrations')
        .select(['full_name', 'status'])
        .where('id', '=', held.id)
        .execute();
      expect(row).toEqual({ full_name: 'Sumiati', status: 'rejected' });
    });

    it('does not void a record whose NIK was corrected since the attempt', async () => {
      const { held, attemptId } = await clash();
      const corrected = { ...held, version: 2, nik: uniquePerson(998).nik };
      expect((await h.push(first.token, [corrected])).results[0]?.outcome).toBe('accepted');
      const res = await resolve(attemptId, 'void_holder');
      expect([res.statusCode, res.json().code]).toEqual([422, 'validation_failed']);
      const [row] = await h.app.registry.store.db
        .selectFrom('registrations')
        .select('voided_at')
        .where('id', '=', held.id)
        .execute();
      expect(row?.voided_at).toBeNull();
    });

    it('refuses to settle an attempt the phone has moved on from (a newer version waits)', async () => {
      const { waiting, attemptId } = await clash();
      await h.push(second.token, [{ ...waiting, version: 2, fullName: 'Sumiyati W.' }]);
      const res = await resolve(attemptId, 'same_person');
      expect([res.statusCode, res.json().code]).toEqual([409, 'conflict']);
      const open = (await verifikator.call('GET', '/admin/duplicates')).json().items;
      const newer = open.find(
        (i: { recordId: string; fullName: string }) =>
          i.recordId === waiting.id && i.fullName === 'Sumiyati W.',
      );
      expect((await resolve(newer.id, 'same_person')).statusCode).toBe(200);
      const left = (await verifikator.call('GET', '/admin/duplicates')).json().items;
      expect(left.filter((i: { recordId: string }) => i.recordId === waiting.id)).toEqual([]); // v1 settled with it
    });

    it.each([['/admin/duplicates/abc'], ['/admin/duplicates/99999999999'], ['/admin/duplicates?state=all']])(
      'answers %s with a clear 4xx',
      async (url) => {
        const res = await verifikator.call('GET', url);
        expect([400, 404]).toContain(res.statusCode);
      },
    );
  });
});
