/**
 * Machine tokens (role, expiry, revocation) and the audit trail of sign-ins and personal-data reads,
 * on each engine; and bad input to the account routes answered 400, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { HOST, login, makeUser, PASSWORD, signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const DAY = 86_400_000;

describe.each(registryEngines())('tokens and audit on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    let clock = Date.parse(NOW);
    const bearer = (token: string, url: string) =>
      h.app.inject({ url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
    const auditOf = async (action: string) =>
      (await admin.call('GET', '/admin/audit?limit=1000'))
        .json()
        .items.filter((e: { action: string }) => e.action === action);

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), {
        now: () => new Date(clock),
        loginRateLimit: 1000,
      });
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('a token carries its role, and stops at its expiry', async () => {
      const made = await admin.call('POST', '/admin/tokens', {
        label: 'Dasbor BI',
        role: 'verifikator',
        days: 2,
      });
      expect(made.statusCode).toBe(201);
      const { id, token } = made.json();
      expect((await bearer(token, '/admin/registrations')).statusCode).toBe(200);
      expect((await bearer(token, '/admin/users')).statusCode).toBe(403);
      const listed = (await admin.call('GET', '/admin/tokens'))
        .json()
        .items.find((t: { id: string }) => t.id === id);
      expect(listed).toMatchObject({
        label: 'Dasbor BI',
        role: 'verifikator',
        owner: `user:${admin.userId}`,
      });
      expect(JSON.stringify(listed)).not.toContain(token);
      clock += 2 * DAY + 1;
      // The admin's session is long gone after two days: sign in again.
      admin = await signInAs(h.app, 'admin');
      expect((await bearer(token, '/admin/registrations')).statusCode).toBe(401);
    });

    it("an officer's token stops when the officer is deactivated", async () => {
      const other = await signInAs(h.app, 'admin');
      const { token } = (
        await other.call('POST', '/admin/tokens', { label: 'skrip lain', role: 'admin' })
      ).json();
      expect((await bearer(token, '/admin/devices')).statusCode).toBe(200);
      expect((await admin.call('POST', `/admin/users/${other.userId}/deactivate`)).statusCode).toBe(200);
      expect((await bearer(token, '/admin/devices')).statusCode).toBe(401);
    });

    it('a revoked token is refused at once', async () => {
      const { id, token } = (
        await admin.call('POST', '/admin/tokens', { label: 'skrip', role: 'admin' })
      ).json();
      expect((await bearer(token, '/admin/devices')).statusCode).toBe(200);
      expect((await admin.call('POST', `/admin/tokens/${id}/revoke`)).statusCode).toBe(200);
      expect((await bearer(token, '/admin/devices')).statusCode).toBe(401);
      expect((await admin.call('POST', `/admin/tokens/${id}/revoke`)).statusCode).toBe(404);
      const [revoked] = await auditOf('api_token.revoke');
      expect(revoked).toMatchObject({ actor: `user:${admin.userId}`, target: id });
    });

    it('audits sign-ins, failures, sign-outs, record reads, searches and exports', async () => {
      const phone = await h.enroll();
      const record = makeRegistration({ ...uniquePerson(21) });
      await h.push(phone.token, [record]);
      const { userId, username } = await makeUser(h.app, 'verifikator');
      await login(h.app, username, 'salah-sekali-ini', { 'user-agent': 'UjiBrowser/1' });
      const verifikator = await signInAs(h.app, 'verifikator');
      await verifikator.call('GET', `/admin/registrations/${record.id}`);
      await verifikator.call('GET', '/admin/registrations?q=siti&kelurahan=3573011005');
      await verifikator.call('GET', '/admin/export.csv?kelurahan=3573011005');
      await verifikator.call('POST', '/auth/logout');

      const [failed] = await auditOf('auth.login_failed');
      expect(failed).toMatchObject({
        actor: 'anonymous',
        target: userId,
        detail: { reason: 'wrong_password', userAgent: 'UjiBrowser/1' },
      });
      expect(JSON.stringify(failed)).not.toContain('salah-sekali-ini');
      const actor = `user:${verifikator.userId}`;
      expect((await auditOf('auth.login')).some((e: { actor: string }) => e.actor === actor)).toBe(true);
      expect((await auditOf('registration.read'))[0]).toMatchObject({ actor, target: record.id });
      expect((await auditOf('registration.search'))[0]).toMatchObject({
        actor,
        detail: { q: 'siti', kelurahan: '3573011005', rows: 1 },
      });
      expect((await auditOf('export.csv'))[0]).toMatchObject({
        actor,
        detail: { kelurahan: ['3573011005'], rows: 1 },
      });
      expect((await auditOf('auth.logout'))[0]).toMatchObject({ actor });
    });

    it('audits user changes with the admin as actor', async () => {
      const made = (
        await admin.call('POST', '/admin/users', {
          username: 'pak-op',
          role: 'operator',
          kelurahan: ['3573011005'],
        })
      ).json();
      await admin.call('POST', `/admin/users/${made.user.id}/role`, { role: 'verifikator' });
      const actions = (await admin.call('GET', '/admin/audit'))
        .json()
        .items.filter((e: { target: string }) => e.target === made.user.id)
        .map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`);
      expect(actions).toEqual([`user.set_role user:${admin.userId}`, `user.create user:${admin.userId}`]);
    });

    const bad: Array<[string, unknown]> = [
      ['an empty body', undefined],
      ['a 10 KB username', { username: 'a'.repeat(10_240), role: 'verifikator' }],
      ['a number for the username', { username: 42, role: 'verifikator' }],
      ['an unknown role', { username: 'orang-baru', role: 'superuser' }],
      ['an unknown kelurahan', { username: 'orang-baru', role: 'operator', kelurahan: ['9999999999'] }],
      ['an operator without kelurahan', { username: 'orang-baru', role: 'operator' }],
      ['a username with spaces', { username: 'orang baru', role: 'verifikator' }],
      ['kelurahan that is not a list', { username: 'orang-baru', role: 'operator', kelurahan: '3573011005' }],
    ];
    it.each(bad)('POST /admin/users with %s is a clear 400', async (_label, payload) => {
      const res = await admin.call('POST', '/admin/users', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/\S{5,}/);
    });

    it.each([
      ['empty', {}],
      ['a 10 KB username', { username: 'x'.repeat(10_240), password: PASSWORD }],
      ['wrong types', { username: ['admin'], password: 12345 }],
    ])('login with %s is 400', async (_label, payload) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { host: HOST },
        payload,
      });
      expect([res.statusCode, res.json().code]).toEqual([400, 'bad_request']);
    });

    it('a taken username is 409', async () => {
      await admin.call('POST', '/admin/users', { username: 'kembar', role: 'verifikator' });
      const again = await admin.call('POST', '/admin/users', { username: 'Kembar', role: 'verifikator' });
      expect([again.statusCode, again.json().code]).toEqual([409, 'conflict']);
    });
  });
});
