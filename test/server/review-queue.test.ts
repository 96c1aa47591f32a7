/**
 * The verifikator's queue on each engine: received records oldest first, filtered by kelurahan,
 * occupation, device and received day, paged by the server; many verified at once in one call,
 * with unknown ids answered per record; a rejection without a reason refused for all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('review queue on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let verifikator: Officer;
    let clock = Date.parse('2026-11-20T02:00:00.000Z');
    const records = [51, 52, 53, 54].map((n) =>
      makeRegistration({
        ...uniquePerson(n),
        fullName: `Warga ${n}`,
        occupation: n === 54 ? 'ojek' : 'kader_posyandu',
      }),
    );
    let phoneB: string;
    const names = async (query: string) =>
      (await verifikator.call('GET', `/admin/registrations?${query}`))
        .json()
        .items.map((r: { fullName: string }) => r.fullName);

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => new Date(clock) });
      const a = await h.enroll();
      const b = await h.enroll();
      phoneB = b.deviceId;
      for (const [i, record] of records.entries()) {
        clock += 86_400_000; // one a day: received 21, 22, 23, 24 Nov
        await h.push(i === 3 ? b.token : a.token, [record]);
      }
      verifikator = await signInAs(h.app, 'verifikator');
    });
    afterAll(async () => h?.app.close());

    it('lists received records oldest first, paged', async () => {
      expect(await names('status=received&sort=oldest&limit=2')).toEqual(['Warga 51', 'Warga 52']);
      expect(await names('status=received&sort=oldest&limit=2&offset=2')).toEqual(['Warga 53', 'Warga 54']);
      const page = (await verifikator.call('GET', '/admin/registrations?status=received&limit=1')).json();
      expect(page.total).toBe(4);
    });

    it('filters by occupation, device and received WIB day', async () => {
      expect(await names('occupation=ojek')).toEqual(['Warga 54']);
      expect(await names(`device=${phoneB}`)).toEqual(['Warga 54']);
      expect(await names('sort=oldest&receivedFrom=2026-11-22&receivedTo=2026-11-23')).toEqual([
        'Warga 52',
        'Warga 53',
      ]);
      expect((await verifikator.call('GET', '/admin/registrations?receivedFrom=kemarin')).statusCode).toBe(
        400,
      );
      expect((await verifikator.call('GET', '/admin/registrations?occupation=presiden')).statusCode).toBe(
        400,
      );
    });

    it('verifies many at once and answers per record', async () => {
      const ids = [records[0]!.id, records[1]!.id, '00000000-0000-4000-8000-000000000000'];
      const res = await verifikator.call('POST', '/admin/registrations/status', { ids, status: 'verified' });
      expect(res.json().items.map((i: { outcome: string }) => i.outcome)).toEqual([
        'changed',
        'changed',
        'not_found',
      ]);
      expect(await names('status=received&sort=oldest')).toEqual(['Warga 53', 'Warga 54']);
      const pulled = await h.pull((await h.enroll()).token);
      expect(pulled.changes).toEqual([]); // a phone pulls only its own records' changes
    });

    it('refuses a bulk rejection without a reason, changing nothing', async () => {
      const res = await verifikator.call('POST', '/admin/registrations/status', {
        ids: [records[2]!.id],
        status: 'rejected',
      });
      expect([res.statusCode, res.json().code]).toEqual([422, 'validation_failed']);
      expect(await names('status=received&sort=oldest')).toEqual(['Warga 53', 'Warga 54']);
      expect(
        (await verifikator.call('POST', '/admin/registrations/status', { ids: [], status: 'verified' }))
          .statusCode,
      ).toBe(400);
    });
  });
});
