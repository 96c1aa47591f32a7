/**
 * Builds the registry: a Fastify instance over an open database. A factory, so every test gets a fresh
 * app; closing the app closes the database. Secrets for the first start are made by main.ts, not here.
 * The schema is migrated before buildApp returns, unless the caller asks to listen first and migrate
 * afterwards (main.ts: readiness answers 503 meanwhile, see routes/health.ts).
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerBodyLimits } from './body-limit';
import type { ServerConfig } from './config';
import './context';
import { connectDatabase } from './db/connect';
import type { Device } from './db/schema';
import { loggableError, loggerOptions } from './logging';
import { createRegistryMetrics, registerRequestMetrics } from './metrics';
import type { Principal } from './principal';
import { registerAccessGuard } from './access-guard';
import { ProblemError, problemFor } from './problems';
import { databaseRateLimitStore } from './rate-limit-store';
import { registerAdminCoverageRoutes } from './routes/admin-coverage';
import { registerAdminDeviceRoutes } from './routes/admin-devices';
import { registerAdminCoveredRoutes } from './routes/admin-covered';
import { registerAdminDuplicateRoutes } from './routes/admin-duplicates';
import { registerAdminErasureRoutes } from './routes/admin-erasure';
import { registerAdminExportRoutes } from './routes/admin-export';
import { registerAdminPhotoRoutes } from './routes/admin-photos';
import { registerAdminRegistrationRoutes } from './routes/admin-registrations';
import { registerAdminSettingsRoutes } from './routes/admin-settings';
import { registerAdminUserRoutes } from './routes/admin-users';
import { registerAuthRoutes } from './routes/auth';
import { registerEnrollRoute } from './routes/enroll';
import { registerHealthRoutes, registerStartupGate } from './routes/health';
import { registerMetricsRoute } from './routes/metrics';
import { registerPhotoRoutes } from './routes/photos';
import { registerPullRoute } from './routes/sync-pull';
import { registerPushRoute } from './routes/sync-push';
import { registerCors, registerSecurityHeaders } from './security';
import { seedCoverageTargets } from './services/coverage-data';
import { isAppNavigation, registerStatic, sendAppShell } from './static';
import { httpsServerFactory } from './tls';

/** Bodies other than a sync push are small JSON objects. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

function registerErrorHandling(app: FastifyInstance, hasApp: boolean): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error);
    if (problem.status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    if (hasApp && isAppNavigation(request))
      return sendAppShell(request, reply.header('cache-control', 'no-cache'));
    const problem = problemFor(new ProblemError(404, 'not_found', 'Alamat tidak ditemukan.'));
    return reply.code(404).type('application/problem+json; charset=utf-8').send(problem);
  });
}

export interface BuildOptions {
  /** Return before migrating; the caller listens, then awaits migrateRegistry(app). */
  isMigratedAfterListen?: boolean;
  /** Runs once every route is registered, before the app is ready: a test's fault hooks. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

/** Brings the schema up to date and seeds the defaults; the API answers from then on. */
export async function migrateRegistry(app: FastifyInstance): Promise<void> {
  const { store, config, startup } = app.registry;
  try {
    await store.migrate();
    await seedCoverageTargets(store.db, config.now().toISOString());
  } catch (error) {
    startup.phase = 'migration_failed';
    throw error;
  }
  startup.phase = 'ready';
}

export async function buildApp(config: ServerConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  // Certificate files are read before the database opens: a wrong path fails the start with nothing open.
  const serverFactory = config.tls ? httpsServerFactory(config.tls) : undefined;
  const store = connectDatabase(config.databaseUrl);
  const app = Fastify({
    ...(serverFactory ? { serverFactory } : {}),
    logger: loggerOptions(config.logLevel, config.logStream),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  app.decorate('registry', {
    store,
    config,
    nowIso: () => config.now().toISOString(),
    startup: { phase: 'migrating' },
    metrics: createRegistryMetrics(store),
    officerRoutes: [],
  });
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('device', null as unknown as Device);
  app.addHook('onClose', async () => store.close());
  registerBodyLimits(app, DEFAULT_BODY_LIMIT);
  try {
    registerRequestMetrics(app, app.registry.metrics);
    await registerSecurityHeaders(app);
    registerCors(app, config.corsOrigins);
    registerStartupGate(app); // after the headers, so a 503 while migrating carries them too
    // Buckets live in the database, so every instance on it counts the same attempts. The startup gate
    // answers first while migrating, so no limit asks for a table that is not there yet.
    const limitStore = databaseRateLimitStore({ db: store.db, now: config.now });
    await app.register(rateLimit, { global: false, store: limitStore });
    await app.register(cookie);
    const hasApp = config.staticDir !== undefined && (await registerStatic(app, config.staticDir));
    registerErrorHandling(app, hasApp);
    registerHealthRoutes(app);
    registerMetricsRoute(app);
    registerEnrollRoute(app);
    registerPushRoute(app);
    registerPullRoute(app);
    await registerPhotoRoutes(app);
    const seen = app.registry.officerRoutes;
    await registerAuthRoutes(app, seen);
    await app.register(
      async (admin) => {
        registerAccessGuard(admin, seen);
        registerAdminDeviceRoutes(admin);
        registerAdminRegistrationRoutes(admin);
        registerAdminPhotoRoutes(admin);
        registerAdminErasureRoutes(admin);
        registerAdminCoverageRoutes(admin);
        registerAdminExportRoutes(admin);
        registerAdminUserRoutes(admin);
        registerAdminDuplicateRoutes(admin);
        registerAdminCoveredRoutes(admin);
        registerAdminSettingsRoutes(admin);
      },
      { prefix: '/api/v1/admin' },
    );
    await options.beforeReady?.(app);
    await app.ready();
    if (!options.isMigratedAfterListen) await migrateRegistry(app);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
