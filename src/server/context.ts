/** What every route can reach through `app.registry`: the database, the config and the clock. */
import type { RegistryDb } from './db/connect';
import type { ServerConfig } from './config';
import type { Device } from './db/schema';
import type { Principal } from './principal';

export interface RegistryContext {
  store: RegistryDb;
  config: ServerConfig;
  /** The server's clock as an ISO string; the one place routes read the time. */
  nowIso(): string;
  /** Every officer route as "METHOD /path", filled as routes are declared (checked by a test). */
  officerRoutes: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    registry: RegistryContext;
  }
  interface FastifyRequest {
    /** The officer calling an officer route; set by the access guard before any handler runs. */
    principal: Principal;
    /** The phone calling a sync route; set by `authenticateDeviceFirst` before the body is read. */
    device: Device;
  }
}
