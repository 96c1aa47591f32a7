/** The admin API — codes, devices, registrations, status, coverage, CSV export — on each engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CITY_ESTIMATE, defaultTargets } from '../../src/server/coverage';
import { APBD_MONTHLY_PER_PERSON } from '../../src/shared/premium';
import { receiptCode } from '../../src/shared/receipt';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const SUKUN_KEL = '3573041001';

describe.each(registryEngines())('admin API on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    const get = (url: string) => h.app.inject({ url: `/api/v1/admin${url}`, headers: h.admin });
    const post = (url: string, payload: object) =>
      h.app.inject({ method: 'POST', url: `/api/v1/admin${url}`, headers: h.admin, payload });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    it.each([
      ['no token', {}],
      ['a device token', undefined],
      ['a wrong token', { authorization: `Bearer ${'a'.repeat(43)}` }],
    ])('refuses %s with 401', async (_label, headers) => {
      const res = await h.app.inject({
        url: '/api/v1/admin/devices',
        headers: headers ?? { authorization: `Bearer ${phone.token}` },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthorized');
    });

    it('answers /healthz when the database answers', async () => {
      const res = await h.app.inject({ url: '/healthz' });
      expect(res.json()).toEqual({ status: 'ok', database: engine.name });
    });

    it('creates codes, lists pending ones, and revokes devices', async () => {
      const made = await post('/enrollment-codes', { name: 'HP Pak RT', kelurahanKode: SUKUN_KEL });
      expect(made.statusCode).toBe(201);
      expect(made.json().code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const pending = (await get('/enrollment-codes')).json().items;
      expect(pending.map((d: { id: string }) => d.id)).toContain(made.json().deviceId);
      expect((await post('/enrollment-codes', { kelurahanKode: '9999999999' })).statusCode).toBe(400);
      expect((await post(`/devices/${made.json().deviceId}/revoke`, {})).statusCode).toBe(200);
      const enroll = await h.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { code: made.json().code },
      });
      expect(enroll.json().code).toBe('enroll_code_invalid');
      expect((await post('/devices/no-such-device/revoke', {})).statusCode).toBe(404);
      const devices = (await get('/devices')).json().items;
      expect(devices.find((d: { id: string }) => d.id === phone.deviceId)).toMatchObject({
        state: 'enrolled',
      });
    });

    it('searches registrations by name word, NIK prefix, kelurahan and status', async () => {
      const siti = makeRegistration({ ...uniquePerson(1), fullName: 'Siti Aminah' });
      const budi = makeRegistration({ ...uniquePerson(2), fullName: 'Budi Santoso' });
      await h.push(phone.token, [siti, budi]);
      const names = async (query: string) =>
        (await get(`/registrations?${query}`)).json().items.map((r: { fullName: string }) => r.fullName);
      expect(await names('q=amin')).toEqual(['Siti Aminah']);
      expect(await names('q=SANTO')).toEqual(['Budi Santoso']);
      expect(await names(`q=${budi.nik.slice(0, 12)}`)).toContain('Budi Santoso');
      expect(await names('q=minah')).toEqual([]);
      // Split as the phone splits: hyphens, dots and commas separate words too.
      expect(await names('q=siti-amin')).toEqual(['Siti Aminah']);
      expect(await names('q=siti.aminah')).toEqual(['Siti Aminah']);
      // The code on the worker's receipt finds the record, typed with or without its dash.
      expect(await names(`q=${receiptCode(siti.id)}`)).toEqual(['Siti Aminah']);
      expect(await names(`q=${receiptCode(siti.id).replace('-', '').toLowerCase()}`)).toEqual([
        'Siti Aminah',
      ]);
      expect(await names('kelurahan=3573011005&status=received')).toEqual(
        expect.arrayContaining(['Siti Aminah']),
      );
      expect((await get('/registrations?limit=0')).statusCode).toBe(400);
      const one = (await get(`/registrations/${siti.id}`)).json();
      expect(one.record).toMatchObject({ id: siti.id, nik: siti.nik });
    });

    it('sets a status with a reason, audits it, and requires a reason to reject', async () => {
      const rec = makeRegistration(uniquePerson(3));
      await h.push(phone.token, [rec]);
      const noReason = await post(`/registrations/${rec.id}/status`, { status: 'rejected' });
      expect(noReason.statusCode).toBe(422);
      expect((await post(`/registrations/${rec.id}/status`, { status: 'received' })).statusCode).toBe(400);
      expect((await post(`/registrations/${rec.id}/status`, { status: 'verified' })).statusCode).toBe(200);
      const audit = (await get('/audit')).json().items;
      expect(audit[0]).toMatchObject({
        action: 'registration.status',
        target: rec.id,
        detail: { from: 'received', to: 'verified' },
      });
      expect(audit[0].actor).toMatch(/^token:/);
      expect((await post('/registrations/nope/status', { status: 'active' })).statusCode).toBe(404);
    });

    it('computes coverage from targets: registered, percentage, APBD premium', async () => {
      const rejectedOne = makeRegistration({
        ...uniquePerson(5),
        address: { street: 'Jl. Raya', rt: '001', rw: '002', kelurahanKode: SUKUN_KEL },
      });
      const people = [4, 6, 7].map((n) =>
        makeRegistration({
          ...uniquePerson(n),
          funding: n === 7 ? 'MANDIRI' : 'APBD',
          address: { street: 'Jl. Raya', rt: '001', rw: '002', kelurahanKode: SUKUN_KEL },
        }),
      );
      await h.push(phone.token, [rejectedOne, ...people]);
      await post(`/registrations/${rejectedOne.id}/status`, { status: 'rejected', reason: 'Bukan warga' });
      const put = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/coverage/targets/${SUKUN_KEL}`,
        headers: h.admin,
        payload: { estimatedWorkers: 10, targetPercent: 40 },
      });
      expect(put.statusCode).toBe(200);
      const report = (await get('/coverage')).json();
      const kel = report.kelurahan.find((k: { kode: string }) => k.kode === SUKUN_KEL);
      expect(kel).toMatchObject({
        registered: 3,
        registeredApbd: 2,
        estimatedWorkers: 10,
        targetPeople: 4,
        percent: 30,
        apbd: { monthly: 2 * APBD_MONTHLY_PER_PERSON, yearly: 24 * APBD_MONTHLY_PER_PERSON },
      });
      const sukun = report.kecamatan.find((k: { kode: string }) => k.kode === '357304');
      expect(sukun.registered).toBe(3);
      expect(report.city.registered).toBeGreaterThanOrEqual(3);
      const sukunDefault = defaultTargets().get(SUKUN_KEL)!.estimatedWorkers;
      expect(report.city.estimatedWorkers).toBe(DEFAULT_CITY_ESTIMATE - sukunDefault + 10);
    });

    it('exports CSV with a BOM, one row per person, every text cell quoted (RFC 4180) and no formulas', async () => {
      const tricky = makeRegistration({
        ...uniquePerson(8),
        fullName: 'Sri "Yanti", S.Pd',
        birthPlace: '=HYPERLINK("http://x")',
        address: { street: 'Jl. Mawar, Gg. 3', rt: '004', rw: '001', kelurahanKode: '3573051001' },
      });
      const { results } = await h.push(phone.token, [tricky]);
      expect(results[0]?.outcome).toBe('accepted');
      const res = await get('/export.csv?kelurahan=3573051001');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const text = res.rawPayload.toString('utf8').slice(1);
      const [header, row, end] = text.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      // Every text cell is quoted (Indonesian Excel splits unquoted cells at ';').
      expect(header?.split(',').slice(0, 3)).toEqual(['"NIK"', '"Nama Lengkap"', '"Tempat Lahir"']);
      expect(row).toBe(
        `"${tricky.nik}","Sri ""Yanti"", S.Pd","'=HYPERLINK(""http://x"")","1980-01-01","Laki-laki",` +
          `"Jl. Mawar, Gg. 3","004","001","Tunggulwulung","Lowokwaru","081234567890","Kader posyandu",1000000,` +
          '"JKK, JKM","APBD","Ahmad Fauzi","Suami","081298765432","2026-11-23","Diterima"',
      );
      expect(end).toBe('');
    });
  });
});
