/**
 * Ringkasan's figures on each engine: registrations per WIB day of their receipt (a record received at
 * 01:00 WIB counts on that WIB day, not the UTC one, and never on the day the phone's clock said),
 * records waiting for review, phones silent for more than 3 days, the "how many more to the target"
 * figure, and an operator's view limited to their kelurahan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../src/server/services/devices';
import type { Registration } from '../../src/shared/registration';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OTHER = '3573041001';
const PHONE_CLOCK = '2026-11-01T03:00:00.000Z';

describe.each(registryEngines())('overview on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let overview: Record<string, unknown> & { perDay: { day: string; count: number }[] };

    beforeAll(async () => {
      // Counted by the registry's receipt, the official registration date: each phone's clock says
      // 1 November, which must count nowhere.
      let clock = new Date(NOW);
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => clock });
      const phone = await h.enroll();
      const received: [string, Registration][] = [
        ['2026-11-22T18:00:00.000Z', makeRegistration({ ...uniquePerson(41), createdAt: PHONE_CLOCK })], // 23 Nov 01:00 WIB
        ['2026-11-22T16:59:00.000Z', makeRegistration({ ...uniquePerson(42), createdAt: PHONE_CLOCK })], // 22 Nov 23:59 WIB
        [
          NOW,
          makeRegistration({
            ...uniquePerson(43),
            createdAt: PHONE_CLOCK,
            address: { street: 'Jl. A', rt: '001', rw: '001', kelurahanKode: OTHER },
          }),
        ],
      ];
      for (const [at, record] of received) {
        clock = new Date(at);
        await h.push(phone.token, [record]);
      }
      clock = new Date(NOW);
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
