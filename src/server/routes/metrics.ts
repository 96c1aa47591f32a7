/**
 * GET /metrics: the registry's figures in Prometheus text format (see ../metrics.ts). Not an officer
 * route (Prometheus has no session and no role), so it has its own door, decided before anything is
 * read:
 *   - `Authorization: Bearer <METRICS_TOKEN>` opens it from anywhere; the token is compared in
 *     constant time (as SHA-256 digests, so even its length does not show in the timing);
 *   - with METRICS_PRIVATE_NETWORK=true, a loopback or private-network address opens it without a token.
 *     The address is the TCP peer unless TRUST_PROXY is on; a request that came through a proxy the
 *     registry does not trust (it carries forwarding headers) is never taken for a local one, because
 *     behind a reverse proxy on the same machine every client would otherwise look like 127.0.0.1;
 *   - otherwise 401 (a wrong or missing token when one is configured) or 403 (nothing would open it).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from '../problems';

const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
PRIVATE_NETWORKS.addAddress('::1', 'ipv6');
PRIVATE_NETWORKS.addSubnet('fc00::', 7, 'ipv6'); // unique local
PRIVATE_NETWORKS.addSubnet('fe80::', 10, 'ipv6'); // link local

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE_NETWORKS.check(mapped, 'ipv4');
  return PRIVATE_NETWORKS.check(address, address.includes(':') ? 'ipv6' : 'ipv4');
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

function isFromPrivateNetwork(request: FastifyRequest, trustsProxy: boolean): boolean {
  if (!trustsProxy && FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return isPrivateAddress(request.ip);
}

function checkMetricsAccess(app: FastifyInstance, request: FastifyRequest): void {
  const { metricsToken, isMetricsOpenToPrivateNetwork, trustProxy } = app.registry.config;
  const presented = bearerOf(request);
  if (presented !== undefined && metricsToken !== undefined) {
    if (timingSafeEqual(digest(presented), digest(metricsToken))) return;
    throw new ProblemError(401, 'unauthorized', 'Token metrik salah.');
  }
  if (isMetricsOpenToPrivateNetwork && isFromPrivateNetwork(request, trustProxy !== false)) return;
  if (metricsToken !== undefined)
    throw new ProblemError(
      401,
      'unauthorized',
      'Metrik memerlukan token: Authorization: Bearer <METRICS_TOKEN>.',
    );
  throw new ProblemError(
    403,
    'forbidden',
    isMetricsOpenToPrivateNetwork
      ? 'Metrik hanya dapat dibaca dari jaringan lokal atau dengan METRICS_TOKEN.'
      : 'Metrik belum dibuka: setel METRICS_TOKEN atau METRICS_PRIVATE_NETWORK=true di server.',
  );
}

export function registerMetricsRoute(app: FastifyInstance): void {
  app.get('/metrics', async (request, reply) => {
    checkMetricsAccess(app, request);
    const { contentType, body } = await app.registry.metrics.render();
    return reply.header('cache-control', 'no-store').type(contentType).send(body);
  });
}
