/**
 * How long phones keep full records, on each engine: 30 days until the admin sets it, every pull carries
 * the current value, a change is audited, and a value out of 1–365 is a 400 with a sentence, not stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('phone retention setting on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    let phone: { token: string };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      admin = await signInAs(h.app, 'admin');
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    it('is 30 days until set, then what the admin set, in every pull; the change is audited', async () => {
      expect((await h.pull(phone.token)).retentionDays).toBe(30);
      expect((await admin.call('GET', '/admin/settings')).json()).toEqual({
        phoneRetentionDays: 30,
        requireKtpPhoto: false,
      });
      const res = await admin.call('PUT', '/admin/settings', { phoneRetentionDays: 14 });
      expect(res.statusCode, res.body).toBe(200);
      expect((await h.pull(phone.token)).retentionDays).toBe(14);
      const audit = (await admin.call('GET', '/admin/audit?action=settings')).json().items;
      expect(audit[0]).toMatchObject({ action: 'settings.retention', detail: { from: 30, to: 14 } });
    });

    it.each([0, 366, 1.5, '30', null])('refuses %s and keeps the setting', async (value) => {
      const res = await admin.call('PUT', '/admin/settings', { phoneRetentionDays: value });
      expect([res.statusCode, res.json().code]).toEqual([400, 'bad_request']);
      expect(res.json().detail).toContain('1–365');
      expect((await h.pull(phone.token)).retentionDays).toBe(14);
    });
  });
});
