/**
 * Response headers that protect the served app: Helmet with a strict Content-Security-Policy (the Vite
 * build has no inline script or style, so 'self' is enough everywhere), and CORS that stays closed
 * unless CORS_ORIGINS names the sites allowed to call the API. HSTS only on answers over HTTPS (TLS
 * here, or at a trusted proxy that says so in X-Forwarded-Proto): over plain HTTP the header means
 * nothing, and a pilot on plain HTTP must not pretend otherwise.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // A kelurahan pilot may serve plain HTTP on a local network; upgrading would break every request.
  // Put the registry behind HTTPS in production (see README), where HSTS does the upgrading.
  upgradeInsecureRequests: null,
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false, // set below, on HTTPS only
  });
  registerHsts(app, app.registry.config.hstsMaxAgeSeconds);
}

/**
 * `max-age` only, no `includeSubDomains`: the registry may live at a city domain's subdomain, and
 * must not force HTTPS on the city's other sites.
 */
function registerHsts(app: FastifyInstance, maxAgeSeconds: number): void {
  if (maxAgeSeconds === 0) return;
  const value = `max-age=${maxAgeSeconds}`;
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', value);
  });
}

/** Minimal CORS for the listed origins only; with none listed no CORS header is ever sent. */
export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    // Date (the phone measures its clock against it) and Retry-After are not CORS-safelisted headers.
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-expose-headers', 'Date, Retry-After')
      .header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply
        .header('access-control-allow-methods', 'GET, POST, PUT')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .code(204)
        .send();
    }
  });
}
