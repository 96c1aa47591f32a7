/**
 * An operator sees and touches only their own kelurahan, on every scoped route: lists hold only
 * in-scope rows, one record or device out of scope is 404, a code for another kelurahan is 403, and
 * the coverage and export hold their kelurahan alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN = '3573011005';
const OTHER = '3573041001';
const at = (kelurahanKode: string) => ({ street: 'Jl. Raya', rt: '001', rw: '002', kelurahanKode });

describe.each(registryEngines())('operator scope on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let operator: Officer;
    let verifikator: Officer;
    const own = makeRegistration({ ...uniquePerson(11), fullName: 'Warga Sendiri', address: at(OWN) });
    const other = makeRegistration({ ...uniquePerson(12), fullName: 'Warga Lain', address: at(OTHER) });
    let ownDevice: string;
    let otherDevice: string;

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const phone = await h.enroll();
      await h.push(phone.token, [own, other]);
      const { db } = h.app.registry.store;
      const now = h.app.registry.nowIso();
      ownDevice = (await createEnrollmentCode(db, now, 'test', { kelurahanKode: OWN })).deviceId;
      otherDevice = (await createEnrollmentCode(db, now, 'test', { kelurahanKode: OTHER })).deviceId;
      operator = await signInAs(h.app, 'operator', [OWN]);
      verifikator = await signInAs(h.app, 'verifikator');
    });
    afterAll(async () => h?.app.close());

    it('lists only their kelurahan, and nothing when asking for another', async () => {
      const names = async (who: Officer, query = '') =>
        (await who.call('GET', `/admin/registrations${query}`))
          .json()
          .items.map((r: { fullName: string }) => r.fullName);
      expect(await names(operator)).toEqual(['Warga Sendiri']);
      expect(await names(operator, `?kelurahan=${OTHER}`)).toEqual([]);
      expect((await names(verifikator)).sort()).toEqual(['Warga Lain', 'Warga Sendiri']);
    });

    it('reads a record of their kelurahan; another kelurahan is 404', async () => {
      expect((await operator.call('GET', `/admin/registrations/${own.id}`)).statusCode).toBe(200);
      const res = await operator.call('GET', `/admin/registrations/${other.id}`);
      expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
      expect(res.body).not.toContain(other.nik);
    });

    it('makes codes for their kelurahan only, defaulting to it', async () => {
      const mine = await operator.call('POST', '/admin/enrollment-codes', { name: 'HP Pak RW' });
      expect([mine.statusCode, mine.json().kelurahanKode]).toEqual([201, OWN]);
      const theirs = await operator.call('POST', '/admin/enrollment-codes', { kelurahanKode: OTHER });
      expect([theirs.statusCode, theirs.json().code]).toEqual([403, 'forbidden']);
    });

    it('lists and revokes only their phones', async () => {
      const ids = (await operator.call('GET', '/admin/devices'))
        .json()
        .items.map((d: { id: string }) => d.id);
      expect(ids).toContain(ownDevice);
      expect(ids).not.toContain(otherDevice);
      const pending = (await operator.call('GET', '/admin/enrollment-codes')).json().items;
      expect(pending.every((d: { kelurahanKode: string }) => d.kelurahanKode === OWN)).toBe(true);
      expect((await operator.call('POST', `/admin/devices/${otherDevice}/revoke`)).statusCode).toBe(404);
      expect((await operator.call('POST', `/admin/devices/${ownDevice}/revoke`)).statusCode).toBe(200);
    });

    it('gets coverage and the export of their kelurahan alone', async () => {
      const coverage = (await operator.call('GET', '/admin/coverage')).json();
      expect(coverage.kelurahan.map((k: { kode: string }) => k.kode)).toEqual([OWN]);
      expect(coverage.kecamatan).toHaveLength(1);
      expect(coverage.city.registered).toBe(1);
      const csv = await operator.call('GET', '/admin/export.csv');
      expect(csv.body).toContain(own.nik);
      expect(csv.body).not.toContain(other.nik);
      const asked = await operator.call('GET', `/admin/export.csv?kelurahan=${OTHER}`);
      expect(asked.body).not.toContain(other.nik);
    });
  });
});
