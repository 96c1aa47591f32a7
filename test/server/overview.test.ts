/**
 * Ringkasan's figures on each engine: registrations per WIB day (a record made at 01:00 WIB counts on
 * that WIB day, not the UTC one), records waiting for review, phones silent for more than 3 days, the
 * "how many more to the target" figure, and an operator's view limited to their kelurahan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OTHER = '3573041001';

describe.each(registryEngines())('overview on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let overview: Record<string, unknown> & { perDay: { day: string; count: number }[] };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const phone = await h.enroll();
      await h.push(phone.token, [
        makeRegistration({ ...uniquePerson(41), createdAt: '2026-11-22T18:00:00.000Z' }), // 23 Nov 01:00 WIB
        makeRegistration({ ...uniquePerson(42), createdAt: '2026-11-22T16:59:00.000Z' }), // 22 Nov 23:59 WIB
        makeRegistration({
          ...uniquePerson(43),
          address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanKode: OTHER },
        }),
      ]);
      // A phone enrolled long ago that never pushed: silent.
      const { db } = h.app.registry.store;
      const old = await createEnrollmentCode(db, '2026-11-01T00:00:00.000Z', 'test', { name: 'HP lama' });
      await db
        .updateTable('devices')
        .set({
          token_hash: 'x'.repeat(64),
          enrolled_at: '2026-11-01T00:00:00.000Z',
          enrollment_code_hash: null,
        })
        .where('id', '=', old.deviceId)
        .execute();
      const admin = await signInAs(h.app, 'admin');
      overview = (await admin.call('GET', '/admin/overview')).json();
    });
    afterAll(async () => h?.app.close());

    it('counts registrations per WIB day over 90 days, zeros included', () => {
      expect(overview.perDay).toHaveLength(90);
      expect(overview.perDay.at(-1)).toEqual({ day: '2026-11-23', count: 2 });
      expect(overview.perDay.at(-2)).toEqual({ day: '2026-11-22', count: 1 });
      expect(overview.perDay.at(-3)).toEqual({ day: '2026-11-21', count: 0 });
    });

    it('counts the records waiting for review and lists silent phones', () => {
      expect(overview.waitingForReview).toBe(3);
      const silent = overview.silentPhones as { name: string }[];
      expect(silent.map((d) => d.name)).toEqual(['HP lama']); // the pushing phone is not silent
    });

    it('says how many more people reach the target', () => {
      const city = (
        overview.coverage as { city: { toTarget: number; targetPeople: number; registered: number } }
      ).city;
      expect(city.toTarget).toBe(city.targetPeople - city.registered);
    });

    it("gives an operator their kelurahan's figures only", async () => {
      const operator = await signInAs(h.app, 'operator', [OTHER]);
      const mine = (await operator.call('GET', '/admin/overview')).json();
      expect(mine.waitingForReview).toBe(1);
      expect(mine.perDay.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(1);
      expect(mine.silentPhones).toEqual([]);
      expect(mine.coverage.kelurahan.map((k: { kode: string }) => k.kode)).toEqual([OTHER]);
    });
  });
});
