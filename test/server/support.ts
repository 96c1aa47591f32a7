/** Test support for registry suites: a fresh app per database URL, enrolled devices and push/pull calls. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { makeConfig, type ServerConfig } from '../../src/server/config';
import { createApiToken } from '../../src/server/services/api-tokens';
import { createEnrollmentCode } from '../../src/server/services/devices';
import type { PullResponse, PushResponse } from '../../src/shared/sync-protocol';
import { sha256Of } from '../fixtures/photos';
import { NOW } from '../fixtures/registrations';

export const FIXED_NOW = new Date(NOW);

export interface Harness {
  app: FastifyInstance;
  admin: { authorization: string };
  /** A new phone; with a kelurahan, a duplicate there is answered with where and when. */
  enroll(kelurahanKode?: string): Promise<{ deviceId: string; token: string }>;
  push(token: string, records: unknown[]): Promise<PushResponse>;
  pushRaw(token: string | undefined, payload: unknown): Promise<LightMyRequestResponse>;
  pull(token: string, cursor?: string): Promise<PullResponse>;
  /** PUT /api/v1/photos/:recordId/:sha256 (the hash of `bytes` unless given). */
  putPhoto(
    token: string,
    recordId: string,
    bytes: Uint8Array,
    sha256?: string,
  ): Promise<LightMyRequestResponse>;
}

export async function openHarness(
  databaseUrl: string,
  overrides: Partial<ServerConfig> = {},
): Promise<Harness> {
  const app = await buildApp(
    // The clock stands still here, so a limit's minute never ends: a fuzz run's thousands of pushes from
    // one phone would meet the push limit. Tests of the limits set their own (and move the clock).
    makeConfig({
      databaseUrl,
      now: () => FIXED_NOW,
      enrollRateLimit: 10_000,
      pushRateLimit: 1_000_000,
      ...overrides,
    }),
  );
  const { token: adminToken } = await createApiToken(app.registry.store.db, NOW, {
    label: 'test',
    owner: 'test',
    role: 'admin',
  });
  const harness: Harness = {
    app,
    admin: { authorization: `Bearer ${adminToken}` },
    async enroll(kelurahanKode) {
      const { code } = await createEnrollmentCode(app.registry.store.db, NOW, 'test', { kelurahanKode });
      const res = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
      if (res.statusCode !== 201) throw new Error(`enroll: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    pushRaw(token, payload) {
      return app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: payload as object,
      });
    },
    async push(token, records) {
      const res = await harness.pushRaw(token, { protocolVersion: 1, records });
      if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    putPhoto(token, recordId, bytes, sha256) {
      return app.inject({
        method: 'PUT',
        url: `/api/v1/photos/${recordId}/${sha256 ?? sha256Of(bytes)}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
        payload: Buffer.from(bytes),
      });
    },
    async pull(token, cursor) {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/sync/pull${query}`,
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
      return res.json();
    },
  };
  return harness;
}

export async function countRows(
  app: FastifyInstance,
  table: 'registrations' | 'changes' | 'audit_log' | 'registration_photos',
) {
  const row = await app.registry.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
