/**
 * Phone health on each engine: the report sent with a push (body) and a pull (`device` query parameter)
 * lands on the device row and in GET /admin/devices; the clock offset is the phone's clock minus the
 * registry's, clamped to an integer column; a phone too old to send a report still pushes and pulls
 * and has its contact noted; a report that fails the schema is ignored and the push still answers 200
 * with its records stored. The registry's clock is injected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReport } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { FIXED_NOW, openHarness, type Harness } from './support';

afterAll(stopEngines);

const MINUTE = 60_000;
let person = 600;

describe.each(registryEngines())('phone health on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let clock = FIXED_NOW.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const report = (over: Partial<DeviceReport> = {}): DeviceReport => ({
      appVersion: '0.1.0',
      pending: 1,
      oldestPendingAt: iso(clock - 60 * MINUTE),
      storagePersisted: true,
      clock: iso(clock),
      ...over,
    });
    const pushWith = (token: string, device: unknown) =>
      h.pushRaw(token, { protocolVersion: 1, records: [makeRegistration(uniquePerson(++person))], device });
    const pullWith = (token: string, device?: string) =>
      h.app.inject({
        url: `/api/v1/sync/pull${device === undefined ? '' : `?device=${encodeURIComponent(device)}`}`,
        headers: { authorization: `Bearer ${token}` },
      });
    let admin: Officer;
    /** The phone as Perangkat shows it. */
    const listed = async (deviceId: string) => {
      const items = (await admin.call('GET', '/admin/devices')).json().items;
      return items.find((d: { id: string }) => d.id === deviceId);
    };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => new Date(clock) });
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('stores the report sent with a push, with the clock offset', async () => {
      const phone = await h.enroll();
      const oldest = iso(clock - 3 * 86_400_000);
      const res = await pushWith(
        phone.token,
        report({ pending: 4, oldestPendingAt: oldest, clock: iso(clock + 90_000) }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().results[0].outcome).toBe('accepted');
      expect(await listed(phone.deviceId)).toMatchObject({
        state: 'enrolled',
        appVersion: '0.1.0',
        pending: 4,
        oldestPendingAt: oldest,
        storagePersisted: true,
        clockOffsetMs: 90_000,
        lastPushAt: iso(clock),
        lastContactAt: iso(clock),
        registrations: 1,
      });
    });

    it('stores the report sent with a pull; a pull is contact, not a push', async () => {
      const phone = await h.enroll();
      expect((await pushWith(phone.token, report())).statusCode).toBe(200);
      const pushedAt = iso(clock);
      clock += 10 * MINUTE;
      const device = report({
        pending: 0,
        oldestPendingAt: null,
        storagePersisted: false,
        clock: iso(clock - 7 * MINUTE),
      });
      const res = await pullWith(phone.token, JSON.stringify(device));
      expect(res.statusCode).toBe(200);
      expect(await listed(phone.deviceId)).toMatchObject({
        pending: 0,
        oldestPendingAt: null,
        storagePersisted: false,
        clockOffsetMs: -7 * MINUTE,
        lastPushAt: pushedAt,
        lastContactAt: iso(clock),
      });
    });

    it('keeps an old phone (no report) syncing, and notes its contact', async () => {
      const phone = await h.enroll();
      const pushed = await h.push(phone.token, [makeRegistration(uniquePerson(++person))]);
      expect(pushed.results.map((r) => r.outcome)).toEqual(['accepted']);
      expect((await h.pull(phone.token)).changes).toEqual([]);
      expect(await listed(phone.deviceId)).toMatchObject({
        appVersion: null,
        pending: null,
        storagePersisted: null,
        clockOffsetMs: null,
        lastPushAt: iso(clock),
        lastContactAt: iso(clock),
        registrations: 1,
      });
    });

    it.each([
      ['a version too long', { appVersion: 'v'.repeat(41) }],
      ['a version with a control character', { appVersion: '1.0\u0000' }],
      ['a negative count', { pending: -1 }],
      ['a count beyond any phone', { pending: 1e12 }],
      ['a fractional count', { pending: 1.5 }],
      ['a clock that is not a time', { clock: 'kemarin sore' }],
      ['an oldest record that is not a time', { oldestPendingAt: '2026-13-45' }],
      ['storage as text', { storagePersisted: 'yes' }],
    ])('ignores a report with %s; the push still answers 200', async (_label, bad) => {
      const phone = await h.enroll();
      expect((await pushWith(phone.token, report({ pending: 2 }))).statusCode).toBe(200);
      clock += MINUTE;
      const res = await pushWith(phone.token, { ...report(), ...bad });
      expect(res.statusCode).toBe(200);
      expect(res.json().results[0].outcome).toBe('accepted');
      // The last good report stands; the contact is still noted.
      expect(await listed(phone.deviceId)).toMatchObject({
        pending: 2,
        lastPushAt: iso(clock),
        registrations: 2,
      });
    });

    it.each([
      ['not an object', 'lengkap'],
      ['null', null],
      ['an array', [report()]],
    ])('ignores a push report that is %s', async (_label, bad) => {
      const phone = await h.enroll();
      const res = await pushWith(phone.token, bad);
      expect([res.statusCode, res.json().results[0].outcome]).toEqual([200, 'accepted']);
      expect((await listed(phone.deviceId)).appVersion).toBeNull();
    });

    it('ignores a pull report that is not JSON, too long, or given twice', async () => {
      const phone = await h.enroll();
      const good = JSON.stringify(report({ pending: 5 }));
      for (const bad of ['{"appVersion":', `${good.slice(0, -1)},"x":"${'y'.repeat(600)}"}`]) {
        expect((await pullWith(phone.token, bad)).statusCode).toBe(200);
      }
      const twice = await h.app.inject({
        url: `/api/v1/sync/pull?device=${encodeURIComponent(good)}&device=${encodeURIComponent(good)}`,
        headers: { authorization: `Bearer ${phone.token}` },
      });
      expect(twice.statusCode).toBe(200);
      expect(await listed(phone.deviceId)).toMatchObject({ pending: null, lastContactAt: iso(clock) });
    });

    it('clamps a clock decades off to the integer column', async () => {
      const phone = await h.enroll();
      await pushWith(phone.token, report({ clock: '2100-01-01T00:00:00.000Z' }));
      expect((await listed(phone.deviceId)).clockOffsetMs).toBe(2 ** 31 - 1);
      await pullWith(phone.token, JSON.stringify(report({ clock: '1970-01-01T00:00:00.000Z' })));
      expect((await listed(phone.deviceId)).clockOffsetMs).toBe(-(2 ** 31));
    });
  });
});
