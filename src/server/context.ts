/** What every route can reach through `app.registry`: the database, the config, the clock, the figures. */
import type { RegistryDb } from './db/connect';
import type { ServerConfig } from './config';
import type { RegistryMetrics } from './metrics';
import type { Device } from './db/schema';
import type { Principal } from './principal';
import type { StartupPhase } from './routes/health';

export interface RegistryContext {
  store: RegistryDb;
  config: ServerConfig;
  /** The server's clock as an ISO string; the one place routes read the time. */
  nowIso(): string;
  /** Where start-up is; routes other than health answer 503 until 'ready' (routes/health.ts). */
  startup: { phase: StartupPhase };
  /** Prometheus figures of this app (metrics.ts). */
  metrics: RegistryMetrics;
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
