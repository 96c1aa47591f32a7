/**
 * Liveness and readiness, for a process supervisor and a load balancer:
 *   - GET /healthz (liveness): 200 while the process serves requests, whatever the database does, so a
 *     supervisor never restarts a registry that is only waiting for its database or its migrations;
 *   - GET /readyz (readiness): 200 only when the schema is up to date and the database answers
 *     `select 1` within READY_TIMEOUT_MS; 503 while migrations run, after they failed, when the
 *     database does not answer, and while the registry shuts down (Fastify's return503OnClosing).
 * Until the migrations are done every /api/ request answers 503 `unavailable` with Retry-After (the
 * phone's queue retries it); the app shell and static files need no database and are served.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { toProblem } from '../problems';

/** Short enough for a load balancer's check interval; a healthy database answers in milliseconds. */
export const READY_TIMEOUT_MS = 2000;

export type StartupPhase = 'migrating' | 'ready' | 'migration_failed';

async function answersWithin(app: FastifyInstance, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const probe = sql`select 1`.execute(app.registry.store.db).then(
    () => true,
    (error: unknown) => {
      app.log.warn({ err: error }, 'readiness: the database did not answer');
      return false;
    },
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(app: FastifyInstance): void {
  const { registry } = app;
  app.get('/healthz', async () => ({ status: 'ok', database: registry.store.engine }));
  app.get('/readyz', async (_request, reply) => {
    const database = registry.store.engine;
    reply.header('cache-control', 'no-store');
    if (registry.startup.phase !== 'ready')
      return reply.code(503).send({ status: registry.startup.phase, database });
    if (!(await answersWithin(app, READY_TIMEOUT_MS)))
      return reply.code(503).send({ status: 'database_unreachable', database });
    return { status: 'ready', database };
  });
}

/** Holds back every API request until the schema is up to date (the routes assume it is). */
export function registerStartupGate(app: FastifyInstance): void {
  const { startup } = app.registry;
  app.addHook('onRequest', async (request, reply) => {
    if (startup.phase === 'ready' || !request.url.startsWith('/api/')) return;
    // Sent here rather than thrown: the error handler logs every 5xx as a failure, and this is not one.
    const problem = toProblem(
      503,
      'unavailable',
      'Server sedang menyiapkan basis data. Coba lagi sebentar lagi.',
    );
    return reply
      .code(503)
      .header('retry-after', '5')
      .type('application/problem+json; charset=utf-8')
      .send(problem);
  });
}
