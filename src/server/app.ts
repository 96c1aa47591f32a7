/**
 * Builds the registry: a Fastify instance over an open database. A factory, so every test gets a fresh
 * app; closing the app closes the database. Secrets for the first start are made by main.ts, not here.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import './context';
import { openDatabase } from './db/connect';
import { loggableError, loggerOptions } from './logging';
import type { Principal } from './principal';
import { registerAccessGuard } from './access-guard';
import { ProblemError, problemFor } from './problems';
import { registerAdminCoverageRoutes } from './routes/admin-coverage';
import { registerAdminDeviceRoutes } from './routes/admin-devices';
import { registerAdminCoveredRoutes } from './routes/admin-covered';
import { registerAdminDuplicateRoutes } from './routes/admin-duplicates';
import { registerAdminErasureRoutes } from './routes/admin-erasure';
import { registerAdminExportRoutes } from './routes/admin-export';
import { registerAdminRegistrationRoutes } from './routes/admin-registrations';
import { registerAdminSettingsRoutes } from './routes/admin-settings';
import { registerAdminUserRoutes } from './routes/admin-users';
import { registerAuthRoutes } from './routes/auth';
import { registerEnrollRoute } from './routes/enroll';
import { registerHealthRoute } from './routes/health';
import { registerPullRoute } from './routes/sync-pull';
import { registerPushRoute } from './routes/sync-push';
import { registerCors, registerSecurityHeaders } from './security';
import { seedCoverageTargets } from './services/coverage-data';
import { isAppNavigation, registerStatic, sendAppShell } from './static';

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

export async function buildApp(config: ServerConfig): Promise<FastifyInstance> {
  const store = await openDatabase(config.databaseUrl);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, config.logStream),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  app.decorate('registry', {
    store,
    config,
    nowIso: () => config.now().toISOString(),
    officerRoutes: [],
  });
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onClose', async () => store.close());
  try {
    await seedCoverageTargets(store.db, config.now().toISOString());
    await registerSecurityHeaders(app);
    registerCors(app, config.corsOrigins);
    await app.register(rateLimit, { global: false });
    await app.register(cookie);
    const hasApp = config.staticDir !== undefined && (await registerStatic(app, config.staticDir));
    registerErrorHandling(app, hasApp);
    registerHealthRoute(app);
    registerEnrollRoute(app);
    registerPushRoute(app);
    registerPullRoute(app);
    const seen = app.registry.officerRoutes;
    await registerAuthRoutes(app, seen);
    await app.register(
      async (admin) => {
        registerAccessGuard(admin, seen);
        registerAdminDeviceRoutes(admin);
        registerAdminRegistrationRoutes(admin);
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
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
