/**
 * Enforces src/shared/access.ts on every officer route. Registered inside the officer plugins, its
 * onRoute hook looks each route up in ACCESS_TABLE as it is declared — a route with no entry stops the
 * registry from starting — and gives the route an onRequest guard that, before the body is even read:
 *   1. finds the officer (machine token or session cookie) — else 401;
 *   2. refuses a cookie-authenticated write that does not come from this registry's page (CSRF) — 403;
 *   3. holds an account with a one-time password to the password change — 403;
 *   4. checks the role against the table — 403.
 * Scope (which kelurahan) is applied by the route itself on the rows it reads or writes.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { ruleFor, type RouteRule } from '../shared/access';
import { authenticateOfficer } from './auth';
import type { RegistryContext } from './context';
import type { Principal } from './principal';
import { ProblemError } from './problems';

const API_PREFIX = '/api/v1';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an account with a one-time password may still do. */
const BEFORE_PASSWORD_CHANGE = new Set(['GET /auth/me', 'POST /auth/logout', 'POST /auth/password']);

export function accessKeyOf(method: string, url: string): string {
  const verb = method === 'HEAD' ? 'GET' : method;
  return `${verb} ${url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) : url}`;
}

/**
 * Kantor marks its calls with this header. A page on another site cannot send a custom header to the
 * registry without a CORS preflight, which the registry never grants, so a write that carries it and
 * no Origin at all (some clients omit Origin on same-origin requests) still comes from Kantor itself.
 */
export const KANTOR_HEADER = 'x-jaring-kantor';

/** A cookie-authenticated write from this registry's own page: its Origin, or Kantor's header and no Origin. */
export function isFromOwnPage(request: FastifyRequest, extra: readonly string[]): boolean {
  if (request.headers.origin) return isOwnOrigin(request, extra);
  return request.headers[KANTOR_HEADER] === '1';
}

/** The origins a browser page of this registry can have (its own, and CORS_ORIGINS). */
export function isOwnOrigin(request: FastifyRequest, extra: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  return origin === `${request.protocol}://${request.host}` || extra.includes(origin);
}

export const forbidden = (detail = 'Peran Anda tidak diizinkan melakukan ini.') =>
  new ProblemError(403, 'forbidden', detail);

function checkPrincipal(principal: Principal, key: string, rule: RouteRule): void {
  if (principal.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(key)) {
    throw new ProblemError(
      403,
      'password_change_required',
      'Ganti kata sandi sementara Anda dulu, lalu lanjutkan.',
    );
  }
  if (!rule.roles.includes(principal.role)) throw forbidden();
}

const GUARD = Symbol('officer guard');
type Guard = onRequestHookHandler & { [GUARD]?: true };

function guardFor(registry: RegistryContext, key: string, rule: RouteRule): Guard {
  const guard: Guard = async (request) => {
    const principal = await authenticateOfficer(registry, request);
    if (
      principal.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      !isFromOwnPage(request, registry.config.corsOrigins)
    ) {
      throw forbidden('Permintaan ditolak: asal halaman tidak dikenal. Buka Kantor dari alamat registri.');
    }
    checkPrincipal(principal, key, rule);
    request.principal = principal;
  };
  guard[GUARD] = true;
  return guard;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Call inside each officer plugin, before its routes. Records every guarded key in `seen`. */
export function registerAccessGuard(scope: FastifyInstance, seen: string[]): void {
  const registry = scope.registry;
  scope.addHook('onRoute', (route: RouteOptions) => {
    for (const method of asArray(route.method)) {
      const key = accessKeyOf(method, route.url);
      const rule = ruleFor(key);
      if (!rule) throw new Error(`officer route ${key} has no entry in ACCESS_TABLE (src/shared/access.ts)`);
      if (method !== 'HEAD') seen.push(key);
      const hooks = asArray(route.onRequest) as Guard[];
      // Fastify's automatic HEAD route copies the GET route's hooks, guard included.
      if (!hooks.some((hook) => hook[GUARD])) route.onRequest = [guardFor(registry, key, rule), ...hooks];
    }
  });
}
