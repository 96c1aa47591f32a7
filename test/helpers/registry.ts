/**
 * A real registry for tests that need one over HTTP (sync engine, browser tests) or in-process
 * (`app.inject`). Listens on 127.0.0.1 with a free port; SQLite in a fresh temp dir unless a
 * databaseUrl is given. The API of this module is relied on by other suites: keep it stable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp, type BuildOptions } from '../../src/server/app';
import { makeConfig, type ServerConfig } from '../../src/server/config';
import { createApiToken } from '../../src/server/services/api-tokens';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { PROTOCOL_VERSION, type PushResult } from '../../src/shared/sync-protocol';

export interface StartRegistryOptions {
  staticDir?: string;
  databaseUrl?: string;
  now?: () => Date;
  /** Behind a reverse proxy on this machine (Caddy in the HTTPS scenario): trust its X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** Pushes per phone per minute (the registry's default unless given). */
  pushRateLimit?: number;
  /** E.g. a hook that injects faults into the real app; applied again on restart(). */
  beforeReady?: BuildOptions['beforeReady'];
}

export interface TestRegistry {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The current app instance (a new one after restart()). */
  app: FastifyInstance;
  adminToken: string;
  /** A code for a new phone; with a kelurahan, a duplicate there is answered with where and when. */
  newEnrollmentCode(kelurahanKode?: string): Promise<string>;
  enroll(): Promise<{ deviceId: string; token: string }>;
  /** Enrolls a new phone and pushes these records from it through the sync route; insists on a 200. */
  pushFromNewPhone(
    records: unknown[],
  ): Promise<{ phone: { deviceId: string; token: string }; results: PushResult[] }>;
  countRegistrations(): Promise<number>;
  /** Raw read for assertions, e.g. `select status from registrations`. */
  query<T>(sql: string): Promise<T[]>;
  setStatus(id: string, status: 'verified' | 'active' | 'rejected', reason?: string): Promise<void>;
  /** Close and reopen on the same database and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance, port: number): Promise<number> {
  await app.listen({ host: '127.0.0.1', port });
  return (app.server.address() as AddressInfo).port;
}

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<TestRegistry> {
  const tempDir = opts.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'jaring-registry-'));
  const config: ServerConfig = makeConfig({
    databaseUrl: opts.databaseUrl ?? `sqlite:${join(tempDir!, 'registry.sqlite')}`,
    staticDir: opts.staticDir,
    host: '127.0.0.1',
    enrollRateLimit: 10_000,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.pushRateLimit ? { pushRateLimit: opts.pushRateLimit } : {}),
    ...(opts.trustProxy ? { trustProxy: ['127.0.0.1'] } : {}),
  });
  const build = { ...(opts.beforeReady && { beforeReady: opts.beforeReady }) };
  let app = await buildApp(config, build);
  const port = await listen(app, 0);
  const { token: adminToken } = await createApiToken(app.registry.store.db, app.registry.nowIso(), {
    label: 'test',
    owner: 'test',
    role: 'admin',
  });
  const admin = { authorization: `Bearer ${adminToken}` };

  const registry: TestRegistry = {
    url: `http://127.0.0.1:${port}`,
    get app() {
      return app;
    },
    adminToken,
    async newEnrollmentCode(kelurahanKode) {
      const { db } = app.registry.store;
      const opts = { name: 'HP uji', kelurahanKode };
      return (await createEnrollmentCode(db, app.registry.nowIso(), 'test', opts)).code;
    },
    async enroll() {
      const code = await registry.newEnrollmentCode();
      const res = await app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
      if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
      return res.json<{ deviceId: string; token: string }>();
    },
    async pushFromNewPhone(records) {
      const phone = await registry.enroll();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { authorization: `Bearer ${phone.token}` },
        payload: { protocolVersion: PROTOCOL_VERSION, records },
      });
      if (res.statusCode !== 200) throw new Error(`push failed: ${res.statusCode} ${res.body}`);
      return { phone, results: res.json<{ results: PushResult[] }>().results };
    },
    async countRegistrations() {
      const [row] = await registry.query<{ n: number | string }>('select count(*) as n from registrations');
      return Number(row?.n ?? 0);
    },
    async query<T>(text: string) {
      const result = await sql.raw<T>(text).execute(app.registry.store.db);
      return result.rows;
    },
    async setStatus(id, status, reason) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/registrations/${id}/status`,
        headers: admin,
        payload: { status, ...(reason ? { reason } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`setStatus failed: ${res.statusCode} ${res.body}`);
    },
    async restart() {
      await app.close();
      app = await buildApp(config, build);
      await listen(app, port);
    },
    async close() {
      await app.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return registry;
}
