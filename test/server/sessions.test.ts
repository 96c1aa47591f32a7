/**
 * Signing in and staying signed in, on each engine, with the registry's clock moved by the test:
 * cookie flags, idle and absolute expiry, lockout and unlock, CSRF by Origin, a password change or
 * deactivation ending sessions, the one-time password gate, and answers that never say who exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { asOfficer, HOST, login, makeUser, ORIGIN, PASSWORD, sessionCookieOf, signInAs } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const MINUTE = 60_000;

describe.each(registryEngines())('officer sessions on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let clock = Date.parse(NOW);
    const advance = (ms: number) => (clock += ms);
    const me = (cookie: string) => h.app.inject({ url: '/api/v1/auth/me', headers: { cookie, host: HOST } });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), {
        now: () => new Date(clock),
        loginRateLimit: 1000,
        trustProxy: ['127.0.0.1'],
      });
    });
    afterAll(async () => h?.app.close());

    it('sets an HttpOnly, SameSite=Strict cookie; Secure with __Host- over HTTPS', async () => {
      const { username } = await makeUser(h.app, 'verifikator');
      const plain = await login(h.app, username, PASSWORD);
      expect(plain.statusCode).toBe(200);
      const [cookie] = plain.cookies;
      expect(cookie).toMatchObject({ name: 'jaring_session', httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.secure).toBeFalsy();
      expect(plain.body).not.toContain(cookie!.value);
      const https = await login(h.app, username, PASSWORD, {
        'x-forwarded-proto': 'https',
        origin: `https://${HOST}`,
      });
      expect(https.cookies[0]).toMatchObject({ name: '__Host-jaring_session', secure: true, httpOnly: true });
      expect(https.cookies[0]?.domain).toBeUndefined();
    });

    it('answers who is signed in, and 401 after sign-out', async () => {
      const officer = await signInAs(h.app, 'operator', ['3573011005']);
      const who = (await me(officer.cookie)).json();
      expect(who).toMatchObject({
        role: 'operator',
        kelurahan: ['3573011005'],
        via: 'session',
        username: officer.username,
      });
      expect((await officer.call('POST', '/auth/logout')).statusCode).toBe(204);
      expect((await me(officer.cookie)).statusCode).toBe(401);
    });

    it('ends a session after 30 idle minutes, and keeps one that is used', async () => {
      const idle = await signInAs(h.app, 'verifikator');
      const busy = await signInAs(h.app, 'verifikator');
      for (let i = 0; i < 3; i++) {
        advance(20 * MINUTE);
        expect((await me(busy.cookie)).statusCode).toBe(200);
      }
      expect((await me(idle.cookie)).statusCode).toBe(401);
    });

    it('ends any session 12 hours after sign-in, however busy', async () => {
      const officer = await signInAs(h.app, 'verifikator');
      for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
        advance(20 * MINUTE);
        expect((await me(officer.cookie)).statusCode).toBe(200);
      }
      advance(25 * MINUTE);
      expect((await me(officer.cookie)).statusCode).toBe(401);
    });

    it('locks an account after 5 wrong passwords; an admin unlocks it', async () => {
      const { userId, username } = await makeUser(h.app, 'verifikator');
      for (let i = 0; i < 5; i++)
        expect((await login(h.app, username, 'salah-salah-salah')).statusCode).toBe(401);
      const locked = await login(h.app, username, PASSWORD);
      expect([locked.statusCode, locked.json().code]).toEqual([401, 'login_failed']);
      const admin = await signInAs(h.app, 'admin');
      expect((await admin.call('POST', `/admin/users/${userId}/unlock`)).statusCode).toBe(200);
      expect((await login(h.app, username, PASSWORD)).statusCode).toBe(200);
    });

    it('locks even when the wrong passwords arrive all at once', async () => {
      const { username } = await makeUser(h.app, 'verifikator');
      await Promise.all(Array.from({ length: 8 }, () => login(h.app, username, 'tebakan-serentak-1')));
      expect((await login(h.app, username, PASSWORD)).statusCode).toBe(401); // locked
    });

    it('unlocks by itself after 15 minutes', async () => {
      const { username } = await makeUser(h.app, 'verifikator');
      for (let i = 0; i < 5; i++) await login(h.app, username, 'salah-salah-salah');
      expect((await login(h.app, username, PASSWORD)).statusCode).toBe(401);
      advance(16 * MINUTE);
      expect((await login(h.app, username, PASSWORD)).statusCode).toBe(200);
    });

    it('answers an unknown user exactly as a wrong password', async () => {
      const { username } = await makeUser(h.app, 'verifikator');
      const wrong = await login(h.app, username, 'bukan-kata-sandinya');
      const unknown = await login(h.app, 'tidak-ada-orangnya', 'bukan-kata-sandinya');
      expect(unknown.statusCode).toBe(wrong.statusCode);
      expect(unknown.json()).toEqual(wrong.json());
    });

    it("refuses a cookie-authenticated write from a foreign Origin, or with neither Origin nor Kantor's header", async () => {
      const admin = await signInAs(h.app, 'admin');
      const write = (origin?: string, kantor = false) =>
        h.app.inject({
          method: 'POST',
          url: '/api/v1/admin/enrollment-codes',
          headers: {
            cookie: admin.cookie,
            host: HOST,
            ...(origin ? { origin } : {}),
            ...(kantor ? { 'x-jaring-kantor': '1' } : {}),
          },
          payload: { name: 'HP' },
        });
      expect((await write('https://evil.example')).statusCode).toBe(403);
      expect((await write('https://evil.example', true)).statusCode).toBe(403);
      expect((await write()).statusCode).toBe(403);
      expect((await write(ORIGIN)).statusCode).toBe(201);
      // No Origin at all, but Kantor's header (which no other site can send without a CORS preflight).
      expect((await write(undefined, true)).statusCode).toBe(201);
      const foreignLogin = await login(h.app, admin.username, PASSWORD, { origin: 'https://evil.example' });
      expect(foreignLogin.statusCode).toBe(403);
    });

    it('a password change ends every other session and keeps this one', async () => {
      const first = await signInAs(h.app, 'verifikator');
      const second = asOfficer(
        h.app,
        first.userId,
        first.username,
        sessionCookieOf(await login(h.app, first.username, PASSWORD)),
      );
      const res = await first.call('POST', '/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'nasi-pecel-blitar-99',
      });
      expect(res.statusCode).toBe(200);
      expect((await me(second.cookie)).statusCode).toBe(401);
      expect((await me(first.cookie)).statusCode).toBe(401); // the old id is gone too…
      expect((await me(sessionCookieOf(res))).statusCode).toBe(200); // …and a fresh one is set
      expect((await login(h.app, first.username, PASSWORD)).statusCode).toBe(401);
      expect((await login(h.app, first.username, 'nasi-pecel-blitar-99')).statusCode).toBe(200);
    });

    it('refuses weak new passwords with a reason', async () => {
      const officer = await signInAs(h.app, 'verifikator');
      for (const newPassword of ['pendek', 'password123', '1234567890', `${officer.username}-panjang`]) {
        const res = await officer.call('POST', '/auth/password', { currentPassword: PASSWORD, newPassword });
        expect([res.statusCode, res.json().code]).toEqual([422, 'validation_failed']);
      }
      const wrongCurrent = await officer.call('POST', '/auth/password', {
        currentPassword: 'bukan-ini-sandinya',
        newPassword: 'rawon-setan-malang-1',
      });
      expect(wrongCurrent.json().detail).toBe('Kata sandi lama salah.');
    });

    it('deactivating a user ends their sessions and their sign-in', async () => {
      const officer = await signInAs(h.app, 'verifikator');
      const admin = await signInAs(h.app, 'admin');
      expect((await admin.call('POST', `/admin/users/${officer.userId}/deactivate`)).statusCode).toBe(200);
      expect((await me(officer.cookie)).statusCode).toBe(401);
      expect((await login(h.app, officer.username, PASSWORD)).statusCode).toBe(401);
      expect((await admin.call('POST', `/admin/users/${admin.userId}/deactivate`)).statusCode).toBe(400);
    });

    it('holds a one-time password to the password change', async () => {
      const admin = await signInAs(h.app, 'admin');
      const made = await admin.call('POST', '/admin/users', { username: 'bu-verif', role: 'verifikator' });
      expect(made.statusCode).toBe(201);
      const { oneTimePassword } = made.json();
      expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const res = await login(h.app, 'BU-VERIF ', oneTimePassword);
      expect(res.json()).toEqual({ mustChangePassword: true });
      const fresh = asOfficer(h.app, made.json().user.id, 'bu-verif', sessionCookieOf(res));
      const blocked = await fresh.call('GET', '/admin/registrations');
      expect([blocked.statusCode, blocked.json().code]).toEqual([403, 'password_change_required']);
      const changed = await fresh.call('POST', '/auth/password', {
        currentPassword: oneTimePassword,
        newPassword: 'bakso-president-2026',
      });
      const after = asOfficer(h.app, fresh.userId, 'bu-verif', sessionCookieOf(changed));
      expect((await after.call('GET', '/admin/registrations')).statusCode).toBe(200);
    });

    it('rate-limits guesses of the current password on a password change', async () => {
      const limited = await openHarness(await engine.newDatabaseUrl(), { loginRateLimit: 3 });
      try {
        const officer = await signInAs(limited.app, 'verifikator');
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          const body = { currentPassword: `tebakan-${i}-salah`, newPassword: 'ganti-sandi-baru-1' };
          codes.push((await officer.call('POST', '/auth/password', body)).statusCode);
        }
        expect(codes).toEqual([422, 422, 422, 429]);
      } finally {
        await limited.app.close();
      }
    });

    it('rate-limits sign-in per username', async () => {
      const limited = await openHarness(await engine.newDatabaseUrl(), {
        loginRateLimit: 3,
        trustProxy: ['127.0.0.1'],
      });
      try {
        const { username } = await makeUser(limited.app, 'verifikator');
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          codes.push(
            (await login(limited.app, username, 'salah', { 'x-forwarded-for': `10.0.0.${i}` })).statusCode,
          );
        }
        expect(codes).toEqual([401, 401, 401, 429]);
      } finally {
        await limited.app.close();
      }
    });
  });
});
