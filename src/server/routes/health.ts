/** GET /healthz: 200 when the database answers a query, 503 when it does not. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export function registerHealthRoute(app: FastifyInstance): void {
  const { store } = app.registry;
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { status: 'ok', database: store.engine };
    } catch (error) {
      request.log.error(error, 'health check: database did not answer');
      reply.code(503);
      return { status: 'unavailable', database: store.engine };
    }
  });
}
