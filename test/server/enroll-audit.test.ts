/**
 * Every refused enrollment is in the audit log with its reason — a wrong, used, expired or revoked
 * code, or no code at all — the caller's IP, and the device when the code was a real one; never the
 * code itself. The phone hears the same 400 whatever the reason. On both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode, revokeDevice } from '../../src/server/services/devices';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

interface AuditItem {
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

describe.each(registryEngines())('refused enrollments are audited on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    const enroll = (payload: unknown) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: payload as object,
        remoteAddress: '10.1.2.3',
        headers: { 'user-agent': 'HP Relawan' },
      });
    const newCode = (days = 7, at = NOW) =>
      createEnrollmentCode(h.app.registry.store.db, at, 'test', { name: 'HP uji', days });
    async function lastFailure(): Promise<AuditItem> {
      const res = await admin.call('GET', '/admin/audit?action=device.enroll_failed&limit=1');
      expect(res.statusCode).toBe(200);
      return res.json().items[0];
    }

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it.each([
      ['a wrong code', 'unknown', async () => ({ code: 'AAAA-BBBB-CCCC', deviceId: '-' })],
      [
        'a used code',
        'used',
        async () => {
          const made = await newCode();
          expect((await enroll({ code: made.code })).statusCode).toBe(201);
          return made;
        },
      ],
      ['an expired code', 'expired', async () => newCode(1, '2026-11-01T00:00:00.000Z')],
      [
        'a revoked code',
        'revoked',
        async () => {
          const made = await newCode();
          await revokeDevice(h.app.registry.store.db, NOW, 'test', made.deviceId);
          return made;
        },
      ],
    ])(
      '%s: 400 to the phone, its reason, device and IP to the audit, never the code',
      async (_l, reason, make) => {
        const { code, deviceId } = await make();
        const res = await enroll({ code });
        expect([res.statusCode, res.json().code]).toEqual([400, 'enroll_code_invalid']);
        const entry = await lastFailure();
        expect(entry).toMatchObject({
          actor: 'anonymous',
          action: 'device.enroll_failed',
          target: deviceId,
          detail: { reason, ip: '10.1.2.3', userAgent: 'HP Relawan' },
        });
        const normalized = code.replace(/-/g, '');
        expect(JSON.stringify(entry)).not.toContain(normalized.slice(0, 8));
        expect(JSON.stringify(entry)).not.toContain(code);
      },
    );

    it('audits a body without a code as malformed', async () => {
      expect((await enroll({ kode: 'x' })).statusCode).toBe(400);
      expect((await lastFailure()).detail).toMatchObject({ reason: 'malformed', ip: '10.1.2.3' });
    });

    it('shows the failures in the office’s device family of the audit log', async () => {
      const res = await admin.call('GET', '/admin/audit?action=device&limit=1000');
      const actions = (res.json().items as AuditItem[]).map((i) => i.action);
      expect(actions.filter((a) => a === 'device.enroll_failed').length).toBeGreaterThanOrEqual(5);
    });
  });
});
