/**
 * Pushes are limited per phone (routes/sync-push.ts, PUSH_RATE_LIMIT), on each engine: past the limit
 * in a minute the phone is answered 429 `rate_limited` with Retry-After and nothing of the batch is
 * stored; another phone goes on; a request without a valid token is refused as such, before the limit
 * (it spends no phone's allowance); once the minute is over the phone pushes again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { countRows, openHarness, type Harness } from './support';

afterAll(stopEngines);

const LIMIT = 3;

describe.each(registryEngines())('push rate limit on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let clock = new Date(NOW);
    let n = 9100;
    const person = () => makeRegistration(uniquePerson(++n));

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => clock, pushRateLimit: LIMIT });
    });
    afterAll(async () => h?.app.close());

    it('answers a phone past the limit 429 with Retry-After, and no other phone', async () => {
      const busy = await h.enroll();
      const other = await h.enroll();
      for (let i = 0; i < LIMIT; i++) {
        expect((await h.push(busy.token, [person()])).results[0]?.outcome).toBe('accepted');
      }
      const before = await countRows(h.app, 'registrations');
      const limited = await h.pushRaw(busy.token, { protocolVersion: 1, records: [person()] });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(limited.headers['retry-after']).toBe('60');
      expect(await countRows(h.app, 'registrations')).toBe(before);

      // The token is checked before the limit: a wrong one is 401, whoever is limited.
      expect((await h.pushRaw('not-a-token', { protocolVersion: 1, records: [] })).statusCode).toBe(401);
      expect((await h.pushRaw(undefined, { protocolVersion: 1, records: [] })).statusCode).toBe(401);
      expect((await h.push(other.token, [person()])).results[0]?.outcome).toBe('accepted');

      clock = new Date(clock.getTime() + 30_000);
      const later = await h.pushRaw(busy.token, { protocolVersion: 1, records: [person()] });
      expect([later.statusCode, later.headers['retry-after']]).toEqual([429, '30']);

      clock = new Date(clock.getTime() + 30_001);
      expect((await h.push(busy.token, [person()])).results[0]?.outcome).toBe('accepted');
    });
  });
});
