/**
 * Enrollment codes expire, on each engine: 7 days by default or 1–30 as asked, the answer says when;
 * an expired code is refused like a wrong one (`enroll_code_invalid`), is listed as `expired` and no
 * longer among the live codes. The registry's clock is injected, so "8 days later" is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { FIXED_NOW, openHarness, type Harness } from './support';

afterAll(stopEngines);

const DAY = 86_400_000;
const KEL = '3573011005';

describe.each(registryEngines())('enrollment codes expire on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    let clock = FIXED_NOW.getTime();
    const at = (ms: number) => new Date(ms).toISOString();
    const enroll = (code: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
    const makeCode = (body: object) => admin.call('POST', '/admin/enrollment-codes', body);

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => new Date(clock) });
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('makes a code valid for 7 days by default, or for the days asked (1–30)', async () => {
      const standard = await makeCode({ name: 'HP Bu Siti', kelurahanKode: KEL });
      expect(standard.statusCode).toBe(201);
      expect(standard.json()).toMatchObject({ name: 'HP Bu Siti', expiresAt: at(clock + 7 * DAY) });
      const short = await makeCode({ name: 'HP Pak RT', kelurahanKode: KEL, days: 2 });
      expect(short.json().expiresAt).toBe(at(clock + 2 * DAY));
      const longest = await makeCode({ kelurahanKode: KEL, days: 30 });
      expect(longest.json().expiresAt).toBe(at(clock + 30 * DAY));
      for (const days of [0, 31, 1.5, '3', -1]) {
        const refused = await makeCode({ kelurahanKode: KEL, days });
        expect([refused.statusCode, refused.json().code]).toEqual([400, 'bad_request']);
      }
    });

    it('refuses an expired code as invalid, and lists it as expired, not as a live code', async () => {
      const made = (await makeCode({ name: 'HP terlambat', kelurahanKode: KEL, days: 1 })).json();
      const inTime = (await makeCode({ name: 'HP tepat waktu', kelurahanKode: KEL, days: 1 })).json();
      clock += DAY - 1;
      expect((await enroll(inTime.code)).statusCode).toBe(201);
      clock += 1; // exactly at expiry: no longer good
      const late = await enroll(made.code);
      expect([late.statusCode, late.json().code]).toEqual([400, 'enroll_code_invalid']);
      expect(late.json().detail).toMatch(/kedaluwarsa/);

      admin = await signInAs(h.app, 'admin'); // a day later, the first session has ended
      const devices = (await admin.call('GET', '/admin/devices')).json().items;
      const byName = (name: string) => devices.find((d: { name: string }) => d.name === name);
      expect(byName('HP terlambat')).toMatchObject({ state: 'expired', codeExpiresAt: made.expiresAt });
      expect(byName('HP tepat waktu')).toMatchObject({ state: 'enrolled', codeExpiresAt: null });
      const live = (await admin.call('GET', '/admin/enrollment-codes')).json().items;
      expect(live.map((d: { name: string }) => d.name)).not.toContain('HP terlambat');
      expect(live.every((d: { codeExpiresAt: string }) => d.codeExpiresAt > at(clock))).toBe(true);
    });

    it('keeps an operator to their kelurahan with an expiry too', async () => {
      const operator = await signInAs(h.app, 'operator', [KEL]);
      const made = await operator.call('POST', '/admin/enrollment-codes', { name: 'HP Bu RW', days: 3 });
      expect(made.statusCode).toBe(201);
      expect(made.json()).toMatchObject({ kelurahanKode: KEL, expiresAt: at(clock + 3 * DAY) });
    });
  });
});
