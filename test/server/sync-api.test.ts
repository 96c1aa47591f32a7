/** The phone-facing API — enroll, push, pull — on a real database, the same suite on each engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRegistrationStatus } from '../../src/server/services/status';
import {
  MAX_PULL_CHANGES,
  MAX_PUSH_BYTES,
  MAX_RECORDS_PER_PUSH,
  PushResponseSchema,
} from '../../src/shared/sync-protocol';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { countRows, openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('sync API on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let n = 0;
    const person = () => makeRegistration(uniquePerson(++n + 1000 * (engine.name === 'postgres' ? 1 : 0)));

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    describe('enroll', () => {
      it('trades a code for a 256-bit token once; the code cannot be used again', async () => {
        const { code } = await h.app
          .inject({ method: 'POST', url: '/api/v1/admin/enrollment-codes', headers: h.admin, payload: {} })
          .then((r) => r.json());
        const first = await h.app.inject({
          method: 'POST',
          url: '/api/v1/enroll',
          payload: { code: code.toLowerCase() },
        });
        expect(first.statusCode).toBe(201);
        expect(Buffer.from(first.json().token, 'base64url')).toHaveLength(32);
        const again = await h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
        expect(again.statusCode).toBe(400);
        expect(again.json()).toMatchObject({ code: 'enroll_code_invalid', status: 400 });
      });

      it.each([
        [{ kelurahanKode: '3573011005' }, '3573011005'],
        [{}, null],
      ])('answers the kelurahan the code was made for (%j: %s)', async (payload, kelurahanKode) => {
        const { code } = await h.app
          .inject({ method: 'POST', url: '/api/v1/admin/enrollment-codes', headers: h.admin, payload })
          .then((r) => r.json());
        const enrolled = await h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
        expect(enrolled.statusCode).toBe(201);
        expect(enrolled.json()).toMatchObject({ kelurahanKode });
      });

      it('stores only hashes of tokens and codes', async () => {
        const rows = await h.app.registry.store.db
          .selectFrom('devices')
          .select(['token_hash'])
          .where('id', '=', phone.deviceId)
          .execute();
        expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(rows[0]?.token_hash).not.toContain(phone.token);
      });

      it.each([[{ code: 'AAAA-BBBB-CCCC' }], [{}], [{ code: 42 }]])('refuses %j', async (payload) => {
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload });
        expect(res.statusCode).toBe(400);
      });
    });

    describe('push', () => {
      it('accepts new records and answers the same batch again with unchanged, writing nothing', async () => {
        const batch = [person(), person(), { ...person(), nik: '123' }];
        const first = await h.push(phone.token, batch);
        expect(PushResponseSchema.safeParse(first).success).toBe(true);
        expect(first.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'invalid']);
        const rowsBefore = await countRows(h.app, 'registrations');
        const second = await h.push(phone.token, batch);
        expect(second.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'invalid']);
        expect(second.results[2]).toEqual(first.results[2]);
        expect(second.results.map((r) => [r.id, r.version, r.serverStatus])).toEqual(
          first.results.map((r) => [r.id, r.version, r.serverStatus]),
        );
        expect(await countRows(h.app, 'registrations')).toBe(rowsBefore);
      });

      it('answers the same NIK from a second device of that kelurahan with its kelurahan and date only', async () => {
        const original = person();
        await h.push(phone.token, [original]);
        const other = await h.enroll('3573011005');
        const copy = makeRegistration({
          ...uniquePerson(n),
          nik: original.nik,
          fullName: 'Orang Lain',
          address: { ...original.address, kelurahanKode: '3573021001' },
        });
        const { results } = await h.push(other.token, [copy]);
        expect(results).toEqual([
          {
            id: copy.id,
            version: 1,
            outcome: 'duplicate_nik',
            duplicate: { kelurahanKode: '3573011005', registeredAt: NOW },
          },
        ]);
        const again = await h.push(other.token, [copy]);
        expect(again.results).toEqual(results);
      });

      it('updates on a higher version and answers an older one with stale', async () => {
        const v1 = person();
        const v2 = { ...v1, version: 2, fullName: 'Siti Aminah Rahayu' };
        expect((await h.push(phone.token, [v1, v2])).results.map((r) => r.outcome)).toEqual([
          'accepted',
          'accepted',
        ]);
        const stale = await h.push(phone.token, [v1]);
        expect(stale.results).toEqual([{ id: v1.id, version: 1, outcome: 'stale', currentVersion: 2 }]);
        const [row] = await h.app.registry.store.db
          .selectFrom('registrations')
          .select(['full_name', 'version'])
          .where('id', '=', v1.id)
          .execute();
        expect(row).toEqual({ full_name: 'Siti Aminah Rahayu', version: 2 });
      });

      it('keeps the valid records of a mixed batch and explains each invalid one', async () => {
        const good = [person(), person()];
        const badNik = { ...person(), nik: '3573015708750000' };
        const noName = { ...person(), fullName: '   ' };
        const { results } = await h.push(phone.token, [good[0], badNik, 'not a record', noName, good[1]]);
        expect(results.map((r) => r.outcome)).toEqual([
          'accepted',
          'invalid',
          'invalid',
          'invalid',
          'accepted',
        ]);
        expect(results[1]?.errors).toContainEqual({ field: 'nik', code: 'nik_serial_zero' });
        expect(results[2]).toMatchObject({ id: '', version: 0, outcome: 'invalid' });
        expect(results[3]?.errors).toContainEqual({ field: 'fullName', code: 'required' });
      });

      it('does not let a device edit another device’s record', async () => {
        const mine = person();
        await h.push(phone.token, [mine]);
        const thief = await h.enroll();
        const { results } = await h.push(thief.token, [{ ...mine, version: 2, fullName: 'Diganti' }]);
        expect(results[0]).toMatchObject({
          outcome: 'invalid',
          errors: [{ field: 'id', code: 'id_invalid' }],
        });
      });

      it('answers a rescued copy (the same version, NIK and name, from another phone) unchanged, once', async () => {
        const mine = person();
        await h.push(phone.token, [mine]);
        const rescuer = await h.enroll();
        const { results } = await h.push(rescuer.token, [
          mine,
          { ...mine, version: 2 },
          { ...mine, nik: person().nik },
          { ...mine, fullName: 'Diganti' },
        ]);
        expect(results.map((r) => r.outcome)).toEqual(['unchanged', 'invalid', 'invalid', 'invalid']);
        expect(results[0]).toMatchObject({ serverStatus: 'received' });
        const rows = await h.app.registry.store.db
          .selectFrom('registrations')
          .select(['device_id', 'version'])
          .where('id', '=', mine.id)
          .execute();
        expect(rows).toEqual([{ device_id: phone.deviceId, version: 1 }]);
      });

      it.each([
        ['no token', undefined, 'unauthorized'],
        ['a wrong token', 'x'.repeat(43), 'unauthorized'],
      ])('answers %s with 401', async (_label, token, code) => {
        const res = await h.pushRaw(token, { protocolVersion: 1, records: [] });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code, status: 401 });
        expect(res.headers['www-authenticate']).toBe('Bearer');
      });

      it('answers a revoked device with 401 device_revoked on push and pull', async () => {
        const doomed = await h.enroll();
        const revoke = await h.app.inject({
          method: 'POST',
          url: `/api/v1/admin/devices/${doomed.deviceId}/revoke`,
          headers: h.admin,
        });
        expect(revoke.statusCode).toBe(200);
        const res = await h.pushRaw(doomed.token, { protocolVersion: 1, records: [person()] });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('device_revoked');
        const pull = await h.app.inject({
          url: '/api/v1/sync/pull',
          headers: { authorization: `Bearer ${doomed.token}` },
        });
        expect(pull.json().code).toBe('device_revoked');
      });

      it('answers an unknown protocol version with 426', async () => {
        const res = await h.pushRaw(phone.token, { protocolVersion: 99, records: [] });
        expect(res.statusCode).toBe(426);
        expect(res.json().code).toBe('protocol_unsupported');
      });

      it('refuses more than the records limit with 413 too_many_records, storing nothing', async () => {
        const before = await countRows(h.app, 'registrations');
        const records = Array.from({ length: MAX_RECORDS_PER_PUSH + 1 }, () => person());
        const res = await h.pushRaw(phone.token, { protocolVersion: 1, records });
        expect(res.statusCode).toBe(413);
        expect(res.json()).toMatchObject({ code: 'too_many_records' });
        expect(res.json().detail).toContain(String(MAX_RECORDS_PER_PUSH));
        expect(await countRows(h.app, 'registrations')).toBe(before);
      });

      const oversize = JSON.stringify({ protocolVersion: 1, records: ['x'.repeat(MAX_PUSH_BYTES)] });
      it.each([
        ['an oversize body', oversize, 'application/json', 413, 'payload_too_large'],
        ['malformed JSON', '{"protocolVersion": 1, "records": [', 'application/json', 400, 'bad_request'],
        ['a JSON array', '[1,2]', 'application/json', 400, 'bad_request'],
        ['a wrong shape', '{"protocolVersion": 1, "records": {}}', 'application/json', 400, 'bad_request'],
        ['text/plain', 'hello', 'text/plain', 400, 'bad_request'],
        ['an XML body', '<records/>', 'application/xml', 415, 'bad_request'],
        ['an empty JSON body', '', 'application/json', 400, 'bad_request'],
        [
          'a __proto__ body',
          '{"__proto__": {"x": 1}, "records": []}',
          'application/json',
          400,
          'bad_request',
        ],
      ])('answers %s with a 4xx problem, never 5xx', async (_label, body, type, status, code) => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/sync/push',
          headers: { authorization: `Bearer ${phone.token}`, 'content-type': type },
          payload: body,
        });
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ status, code });
        expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
      });
    });

    describe('pull', () => {
      it('delivers an admin status change, with the reason, to the owning device only', async () => {
        const record = person();
        await h.push(phone.token, [record]);
        const other = await h.enroll();
        const start = await h.pull(phone.token);
        const otherStart = await h.pull(other.token);
        const res = await h.app.inject({
          method: 'POST',
          url: `/api/v1/admin/registrations/${record.id}/status`,
          headers: h.admin,
          payload: { status: 'rejected', reason: 'Foto KTP buram' },
        });
        expect(res.statusCode).toBe(200);
        const page = await h.pull(phone.token, start.cursor);
        expect(page.changes).toEqual([
          { id: record.id, version: 1, serverStatus: 'rejected', reason: 'Foto KTP buram', changedAt: NOW },
        ]);
        expect(page.referenceVersion).toMatch(/\S/);
        expect((await h.pull(other.token, otherStart.cursor)).changes).toEqual([]);
        expect((await h.pull(phone.token, page.cursor)).changes).toEqual([]);
        const { results } = await h.push(phone.token, [{ ...record, version: 2 }]);
        expect(results[0]).toMatchObject({ outcome: 'accepted', serverStatus: 'received' });
      });

      it('pages by cursor through more changes than fit in one answer', async () => {
        const device = await h.enroll();
        const record = person();
        await h.push(device.token, [record]);
        const total = MAX_PULL_CHANGES + 3;
        for (let i = 0; i < total; i++) {
          const status = i % 2 === 0 ? 'verified' : 'active';
          await setRegistrationStatus(h.app.registry.store, NOW, 'test', { id: record.id, status });
        }
        const first = await h.pull(device.token);
        expect(first.changes).toHaveLength(MAX_PULL_CHANGES);
        expect(first.hasMore).toBe(true);
        const second = await h.pull(device.token, first.cursor);
        expect(second.changes).toHaveLength(3);
        expect(second.hasMore).toBe(false);
        expect(second.changes.at(-1)?.serverStatus).toBe('verified');
      });

      it('refuses a cursor it did not make', async () => {
        const res = await h.app.inject({
          url: '/api/v1/sync/pull?cursor=bm9wZQ',
          headers: { authorization: `Bearer ${phone.token}` },
        });
        expect(res.statusCode).toBe(400);
      });
    });

    it('answers two concurrent copies of a batch as if they came one after the other', async () => {
      const device = await h.enroll();
      const batch = Array.from({ length: 20 }, () => person());
      const [a, b] = await Promise.all([h.push(device.token, batch), h.push(device.token, batch)]);
      const outcomes = [...a.results, ...b.results].map((r) => r.outcome);
      expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(20);
      expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(20);
    });

    it('keeps every acknowledged record across a restart', async () => {
      const url = await engine.newDatabaseUrl();
      const first = await openHarness(url);
      const device = await first.enroll();
      const records = Array.from({ length: 30 }, () => person());
      const { results } = await first.push(device.token, records);
      const acknowledged = results.filter((r) => r.outcome === 'accepted').map((r) => r.id);
      expect(acknowledged).toHaveLength(30);
      await first.app.close();
      const second = await openHarness(url);
      try {
        const rows = await second.app.registry.store.db.selectFrom('registrations').select('id').execute();
        expect(rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
        expect(
          (await second.push(device.token, records)).results.every((r) => r.outcome === 'unchanged'),
        ).toBe(true);
      } finally {
        await second.app.close();
      }
    });
  });
});

describe('enrollment rate limit', () => {
  it('answers too many attempts from one address with 429 rate_limited', async () => {
    const [sqlite] = registryEngines();
    const h = await openHarness(await sqlite!.newDatabaseUrl(), { enrollRateLimit: 2 });
    try {
      const attempt = () =>
        h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC' } });
      expect((await attempt()).statusCode).toBe(400);
      expect((await attempt()).statusCode).toBe(400);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    } finally {
      await h.app.close();
    }
  });
});
