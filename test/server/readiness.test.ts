/**
 * Liveness (/healthz) and readiness (/readyz) on each engine, as a load balancer sees them: ready only
 * once the schema is migrated and while the database answers; 503 while migrations run (on PostgreSQL
 * held back for real by another instance's migration lock), after a failed migration, and when the
 * database is gone (a PostgreSQL cluster stopped under the running registry, a closed SQLite handle).
 * Liveness stays 200 throughout, so a supervisor does not restart a registry that only waits.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, migrateRegistry } from '../../src/server/app';
import { makeConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/connect';
import { registryEngines, stopEngines } from '../helpers/engines';
import { startPostgres } from '../helpers/postgres';
import { FIXED_NOW } from './support';

afterAll(stopEngines);

/** Kysely's PostgreSQL migration lock (kysely/dist/esm/dialect/postgres/postgres-adapter.js). */
const KYSELY_MIGRATION_LOCK = '3853314791062309107';

const build = (databaseUrl: string) =>
  buildApp(makeConfig({ databaseUrl, now: () => FIXED_NOW }), { isMigratedAfterListen: true });

async function probe(app: FastifyInstance) {
  const [live, ready, api] = await Promise.all([
    app.inject({ url: '/healthz' }),
    app.inject({ url: '/readyz' }),
    app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC' } }),
  ]);
  return { live: live.statusCode, ready: ready.statusCode, readyBody: ready.json(), api };
}

describe.each(registryEngines())('readiness on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    it('is 503 until the migrations are done, with every API request held back, then 200', async () => {
      const app = await build(await engine.newDatabaseUrl());
      try {
        const before = await probe(app);
        expect([before.live, before.ready]).toEqual([200, 503]);
        expect(before.readyBody).toEqual({ status: 'migrating', database: engine.name });
        expect(before.api.statusCode).toBe(503);
        expect(before.api.headers['retry-after']).toBe('5');
        expect(before.api.headers['x-content-type-options']).toBe('nosniff'); // the usual headers too
        expect(before.api.json()).toMatchObject({
          code: 'unavailable',
          detail: expect.stringMatching(/Coba lagi/),
        });

        await migrateRegistry(app);
        const after = await probe(app);
        expect([after.live, after.ready]).toEqual([200, 200]);
        expect(after.readyBody).toEqual({ status: 'ready', database: engine.name });
        expect(after.api.json().code).toBe('enroll_code_invalid'); // the route itself answers now
      } finally {
        await app.close();
      }
    });

    it('stays 503 when a migration failed (a database from a newer Jaring), and the API with it', async () => {
      const databaseUrl = await engine.newDatabaseUrl();
      const newer = await openDatabase(databaseUrl);
      await newer.db
        .insertInto('kysely_migration' as never)
        .values({ name: '9999_from_the_future', timestamp: FIXED_NOW.toISOString() } as never)
        .execute();
      await newer.close();
      const app = await build(databaseUrl);
      try {
        await expect(migrateRegistry(app)).rejects.toThrow(/migration/);
        const state = await probe(app);
        expect([state.live, state.ready, state.api.statusCode]).toEqual([200, 503, 503]);
        expect(state.readyBody.status).toBe('migration_failed');
      } finally {
        await app.close();
      }
    });
  });
});

describe('readiness when the database goes away', () => {
  const [sqlite, postgres] = registryEngines();

  it('is 503 on SQLite once the database handle is closed, while liveness stays 200', async () => {
    const app = await build(await sqlite!.newDatabaseUrl());
    try {
      await migrateRegistry(app);
      expect((await probe(app)).ready).toBe(200);
      await app.registry.store.close();
      const state = await probe(app);
      expect([state.live, state.ready]).toEqual([200, 503]);
      expect(state.readyBody).toEqual({ status: 'database_unreachable', database: 'sqlite' });
    } finally {
      await app.close();
    }
  });

  it.runIf(postgres!.isAvailable && !process.env.TEST_DATABASE_URL)(
    'is 503 on PostgreSQL once the cluster under the running registry stops',
    async () => {
      const cluster = await startPostgres(); // its own cluster: this test stops it
      let app: FastifyInstance | undefined;
      try {
        app = await build(await cluster.createDatabase());
        await migrateRegistry(app);
        expect((await probe(app)).ready).toBe(200);
        await cluster.stop();
        const state = await probe(app);
        expect([state.live, state.ready]).toEqual([200, 503]);
        expect(state.readyBody).toEqual({ status: 'database_unreachable', database: 'postgres' });
      } finally {
        await app?.close();
        await cluster.stop().catch(() => {});
      }
    },
  );

  it.runIf(postgres!.isAvailable)(
    'is 503 on PostgreSQL while another instance holds the migration lock, 200 once it lets go',
    async () => {
      const databaseUrl = await postgres!.newDatabaseUrl();
      const other = new pg.Client({ connectionString: databaseUrl });
      await other.connect();
      await other.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK})`);
      const app = await build(databaseUrl);
      try {
        const migrating = migrateRegistry(app);
        const waiting = await probe(app);
        expect([waiting.live, waiting.ready, waiting.api.statusCode]).toEqual([200, 503, 503]);
        expect(waiting.readyBody.status).toBe('migrating');
        await other.end(); // the other instance is done: its session lock goes with it
        await migrating;
        expect((await probe(app)).ready).toBe(200);
      } finally {
        await app.close();
        await other.end().catch(() => {});
      }
    },
  );
});
