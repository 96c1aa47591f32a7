/**
 * A wrong current password on a password change is a guess like a wrong sign-in: it counts toward the
 * same lockout (5 in a row lock the account for 15 minutes), the guess that locks it ends every session
 * of the account, and each is audited. On both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryEngines, stopEngines } from '../helpers/engines';
import { asOfficer, login, makeUser, PASSWORD, sessionCookieOf, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('password change guesses on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;

    async function signedIn(): Promise<Officer> {
      const { userId, username } = await makeUser(h.app, 'verifikator');
      return asOfficer(h.app, userId, username, sessionCookieOf(await login(h.app, username, PASSWORD)));
    }
    const guess = (officer: Officer, i: number) =>
      officer.call('POST', '/auth/password', {
        currentPassword: `tebakan-ke-${i}-salah`,
        newPassword: 'sandi-baru-yang-panjang-1',
      });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
    });
    afterAll(async () => h?.app.close());

    it('locks the account at the 5th wrong current password and ends its sessions', async () => {
      const officer = await signedIn();
      const elsewhere = asOfficer(
        h.app,
        officer.userId,
        officer.username,
        sessionCookieOf(await login(h.app, officer.username, PASSWORD)),
      );
      const codes: number[] = [];
      for (let i = 1; i <= 5; i++) codes.push((await guess(officer, i)).statusCode);
      expect(codes).toEqual([422, 422, 422, 422, 401]);
      expect((await officer.call('GET', '/auth/me')).statusCode).toBe(401);
      expect((await elsewhere.call('GET', '/auth/me')).statusCode).toBe(401);
      const locked = await login(h.app, officer.username, PASSWORD);
      expect([locked.statusCode, locked.json().code]).toEqual([401, 'login_failed']);
      const audit = await h.app.registry.store.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('target', '=', officer.userId)
        .where('action', '=', 'auth.password_change_failed')
        .orderBy('id')
        .execute();
      expect(audit).toHaveLength(5);
      expect(JSON.parse(audit[4]!.detail)).toMatchObject({ reason: 'wrong_password', locked: true });
      expect(audit.map((a) => a.detail).join()).not.toContain('tebakan');
    });

    it('counts together with wrong sign-ins', async () => {
      const officer = await signedIn();
      for (let i = 0; i < 3; i++) await login(h.app, officer.username, 'salah-salah-salah');
      expect((await guess(officer, 1)).statusCode).toBe(422);
      expect((await guess(officer, 2)).statusCode).toBe(401);
      expect((await login(h.app, officer.username, PASSWORD)).statusCode).toBe(401);
    });
  });
});
