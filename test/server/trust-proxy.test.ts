/**
 * TRUST_PROXY (src/server/trust-proxy.ts): only listed proxies may name the client in X-Forwarded-For.
 * A forged header from any other peer changes neither the rate-limit bucket nor the audited address.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { trustProxyFrom } from '../../src/server/trust-proxy';
import { registryEngines, stopEngines } from '../helpers/engines';
import { makeUser } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe('TRUST_PROXY', () => {
  it.each([
    { value: undefined, trusted: false },
    { value: '', trusted: false },
    { value: 'false', trusted: false },
    { value: '127.0.0.1', trusted: ['127.0.0.1'] },
    { value: '127.0.0.1, 10.0.0.0/8', trusted: ['127.0.0.1', '10.0.0.0/8'] },
    { value: '::1,fd00::/8,loopback', trusted: ['::1', 'fd00::/8', 'loopback'] },
  ])('"$value" trusts $trusted', ({ value, trusted }) => {
    expect(trustProxyFrom(value)).toEqual(trusted);
  });

  it.each([
    { value: 'true', says: /TRUST_PROXY=true is not accepted.*TRUST_PROXY=127\.0\.0\.1/ },
    { value: '1', says: /TRUST_PROXY=1 is not accepted: a hop count/ },
    { value: '10.0.0.0/33', says: /not understood: 10\.0\.0\.0\/33/ },
    { value: '127.0.0.1,proxy.example', says: /not understood: proxy\.example/ },
  ])('refuses "$value" at start-up with a clear message', ({ value, says }) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(says);
  });
});

describe.each(registryEngines())('client addresses behind a proxy on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    const PROXY = '10.0.0.7';
    let h: Harness;
    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { trustProxy: [PROXY], loginRateLimit: 3 });
    });
    afterAll(async () => h?.app.close());

    /** A failed sign-in from `peer` (the TCP peer) with this X-Forwarded-For; returns the status. */
    async function failFrom(app: FastifyInstance, peer: string, forwardedFor?: string) {
      const { username } = await makeUser(app, 'verifikator'); // a fresh name: only the IP bucket counts
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: peer,
        headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
        payload: { username, password: 'salah' },
      });
      return { status: res.statusCode, username };
    }

    async function auditedIpOf(username: string): Promise<string> {
      const { db } = h.app.registry.store;
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const row = await db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'auth.login_failed')
        .where('target', '=', user.id)
        .executeTakeFirstOrThrow();
      return (JSON.parse(row.detail) as { ip: string }).ip;
    }

    it('a forged header from an untrusted peer keeps the peer’s own bucket and audited address', async () => {
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await failFrom(h.app, '203.0.113.9', `198.51.100.${i}`));
      expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 429]);
      for (const t of tries.slice(0, 3)) expect(await auditedIpOf(t.username)).toBe('203.0.113.9');
    });

    it('the trusted proxy names the client; what the client forged before it is ignored', async () => {
      const direct = await failFrom(h.app, PROXY, '198.51.100.20');
      expect(await auditedIpOf(direct.username)).toBe('198.51.100.20');
      // The client sent "X-Forwarded-For: 203.0.113.9"; the proxy appended the address it saw.
      const forged = await failFrom(h.app, PROXY, '203.0.113.9, 198.51.100.21');
      expect(forged.status).toBe(401); // not 203.0.113.9's exhausted bucket
      expect(await auditedIpOf(forged.username)).toBe('198.51.100.21');
    });

    it('with TRUST_PROXY unset the header is ignored altogether', async () => {
      const plain = await openHarness(await engine.newDatabaseUrl(), { loginRateLimit: 3 });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await failFrom(plain.app, PROXY, `198.51.100.${i}`)).status);
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await plain.app.close();
      }
    });
  });
});
