/** What every route can reach through `app.registry`: the database, the config and the clock. */
import type { RegistryDb } from './db/connect';
import type { ServerConfig } from './config';

export interface RegistryContext {
  store: RegistryDb;
  config: ServerConfig;
  /** The server's clock as an ISO string; the one place routes read the time. */
  nowIso(): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    registry: RegistryContext;
  }
  interface FastifyRequest {
    /** Set by the admin routes' auth hook: "admin:<token id>". */
    adminActor: string;
  }
}
