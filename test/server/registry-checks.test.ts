/**
 * What the registry checks, and in which order, on both engines: a phone is authenticated before its
 * body is read; another phone's record id learns nothing (no `unchanged`, no `stale`); a record for a
 * kelurahan other than its phone's is kept but flagged for the office; the registry's receipt is the
 * official registration date; voiding a holder never hands its NIK to someone already covered at BPJS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../src/server/services/devices';
import type { Registration } from '../../src/shared/registration';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN = '3573011005';
const NEXT_DOOR = '3573011006';

describe.each(registryEngines())('registry checks on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let admin: Officer;
    let n = 7000;
    const person = (overrides: Partial<Registration> = {}) =>
      makeRegistration({ ...uniquePerson(++n), ...overrides });

    /** A phone enrolled with a code made for one kelurahan, as an operator makes it. */
    async function enrollFor(kelurahanKode: string) {
      const { code } = await createEnrollmentCode(h.app.registry.store.db, h.app.registry.nowIso(), 'test', {
        kelurahanKode,
      });
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
      return res.json() as { deviceId: string; token: string };
    }

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    describe('a phone is authenticated before its body is read', () => {
      it.each([
        ['malformed JSON', '{"protocolVersion": 1, "records": ['],
        ['a body over the limit', JSON.stringify({ records: ['x'.repeat(1_100_000)] })],
      ])('answers a wrong token with %s 401, not the body’s error', async (_label, body) => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/sync/push',
          headers: { authorization: `Bearer ${'x'.repeat(43)}`, 'content-type': 'application/json' },
          payload: body,
        });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'unauthorized' });
      });

      it('answers a pull with a wrong token 401 before reading its cursor', async () => {
        const res = await h.app.inject({
          url: '/api/v1/sync/pull?cursor=bm9wZQ',
          headers: { authorization: `Bearer ${'y'.repeat(43)}` },
        });
        expect(res.statusCode).toBe(401);
      });
    });

    describe('another phone’s record id', () => {
      it.each([
        ['the same version (no unchanged with its status)', 2],
        ['an older version (no stale with its version)', 1],
        ['a newer version (no edit)', 3],
      ])('is invalid at %s', async (_label, version) => {
        const mine = { ...person(), version: 2 };
        await h.push(phone.token, [mine]);
        await admin.call('POST', `/admin/registrations/${mine.id}/status`, { status: 'verified' });
        const other = await h.enroll();
        const { results } = await h.push(other.token, [{ ...mine, version, fullName: 'Diganti' }]);
        expect(results).toEqual([
          { id: mine.id, version, outcome: 'invalid', errors: [{ field: 'id', code: 'id_invalid' }] },
        ]);
        const row = await h.app.registry.store.db
          .selectFrom('registrations')
          .select(['version', 'full_name', 'device_id'])
          .where('id', '=', mine.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ version: 2, full_name: mine.fullName, device_id: phone.deviceId });
      });
    });

    describe('a record for another kelurahan than its phone’s', () => {
      let outside: Registration;
      let inside: Registration;

      beforeAll(async () => {
        const kelurahanPhone = await enrollFor(OWN);
        outside = person({ address: { ...person().address, kelurahanKode: NEXT_DOOR } });
        inside = person();
        const { results } = await h.push(kelurahanPhone.token, [outside, inside]);
        expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
      });

      it('is accepted and flagged with the phone’s kelurahan; its own kelurahan’s is not', async () => {
        const read = async (id: string) =>
          (await admin.call('GET', `/admin/registrations/${id}`)).json() as {
            mismatchedDeviceKelurahan: string | null;
          };
        expect((await read(outside.id)).mismatchedDeviceKelurahan).toBe(OWN);
        expect((await read(inside.id)).mismatchedDeviceKelurahan).toBeNull();
      });

      it('can be listed alone, and shows in the review list', async () => {
        const flagged = await admin.call('GET', '/admin/registrations?kelurahanMismatch=true&limit=500');
        const ids = (flagged.json().items as { id: string }[]).map((i) => i.id);
        expect(ids).toContain(outside.id);
        expect(ids).not.toContain(inside.id);
        const all = await admin.call('GET', `/admin/registrations?q=${outside.nik}`);
        expect(all.json().items[0]).toMatchObject({ id: outside.id, mismatchedDeviceKelurahan: OWN });
      });

      it('is unflagged when an edit moves it into the phone’s kelurahan', async () => {
        const token = (await enrollFor(OWN)).token;
        const moving = person({ address: { ...person().address, kelurahanKode: NEXT_DOOR } });
        await h.push(token, [moving]);
        await h.push(token, [{ ...moving, version: 2, address: { ...moving.address, kelurahanKode: OWN } }]);
        const row = await h.app.registry.store.db
          .selectFrom('registrations')
          .select('mismatched_device_kelurahan')
          .where('id', '=', moving.id)
          .executeTakeFirstOrThrow();
        expect(row.mismatched_device_kelurahan).toBeNull();
      });

      it('is never flagged from a phone enrolled for the whole city', async () => {
        const cityWide = person({ address: { ...person().address, kelurahanKode: NEXT_DOOR } });
        await h.push(phone.token, [cityWide]);
        const res = await admin.call('GET', `/admin/registrations/${cityWide.id}`);
        expect(res.json().mismatchedDeviceKelurahan).toBeNull();
      });
    });
    describe('voiding a holder (Data ganda)', () => {
      it('refuses to give the NIK to the waiting record when the city covers it already, as a push does', async () => {
        const holder = person();
        await h.push(phone.token, [holder]);
        const waiting = person({ nik: holder.nik, birthDate: holder.birthDate, fullName: 'Orang Kedua' });
        const second = await h.enroll();
        expect((await h.push(second.token, [waiting])).results[0]?.outcome).toBe('duplicate_nik');
        // Imported from a BPJS list while the registration held it (an import racing a push did this).
        const { db } = h.app.registry.store;
        await db
          .insertInto('import_batches')
          .values({
            id: 'b-void',
            actor: 'test',
            file_name: 'bpjs.xlsx',
            rows: 1,
            imported_at: h.app.registry.nowIso(),
          })
          .execute();
        await db
          .insertInto('covered_people')
          .values({
            nik: holder.nik,
            full_name: holder.fullName,
            kelurahan_kode: OWN,
            batch_id: 'b-void',
            imported_at: h.app.registry.nowIso(),
          })
          .execute();
        const open = (await admin.call('GET', '/admin/duplicates?state=open&limit=200')).json();
        const attempt = (open.items as { id: number; recordId: string }[]).find(
          (i) => i.recordId === waiting.id,
        )!;
        const res = await admin.call('POST', `/admin/duplicates/${attempt.id}/resolve`, {
          resolution: 'void_holder',
        });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ code: 'conflict' });
        expect(res.json().detail).toContain('peserta lama');
        const rows = await db
          .selectFrom('registrations')
          .select(['id', 'nik', 'voided_at'])
          .where('id', 'in', [holder.id, waiting.id])
          .execute();
        expect(rows).toEqual([{ id: holder.id, nik: holder.nik, voided_at: null }]);
        const still = (await admin.call('GET', `/admin/duplicates/${attempt.id}`)).json();
        expect(still.resolution).toBeNull();
      });
    });
  });
});
