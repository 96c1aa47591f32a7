/**
 * TRUST_PROXY: which peers may tell the registry a client's address in X-Forwarded-For. The address is
 * the key of the per-IP rate limits and is written to the audit log, so trusting the header from anyone
 * lets a client forge a fresh bucket (and a false address) with every request.
 *
 * Only a list of proxy addresses or CIDR ranges is accepted (`127.0.0.1`, `10.0.0.0/8,fd00::/8`, or
 * proxy-addr's names `loopback`, `linklocal`, `uniquelocal`). The client address is then the last
 * X-Forwarded-For entry not added by a trusted proxy; a peer outside the list is the client itself,
 * whatever header it sends. `true` and hop counts are refused at start-up: neither checks who the
 * immediate peer is, so a client that reaches the port directly could forge the header (Fastify 5
 * itself no longer honours a hop count, for the same reason).
 */
import { isIP } from 'node:net';

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const REFUSED_EVERYONE =
  'TRUST_PROXY=true is not accepted: it lets any client forge its address (and a fresh rate-limit ' +
  'bucket) with X-Forwarded-For. Give the reverse proxy’s address instead, e.g. TRUST_PROXY=127.0.0.1 ' +
  'when Caddy or nginx runs on this machine, or TRUST_PROXY=10.0.0.5,10.0.0.6 for a load balancer.';

const refusedHops = (value: string) =>
  `TRUST_PROXY=${value} is not accepted: a hop count cannot tell a proxy from a client that reaches the ` +
  'registry directly. Give the proxies’ addresses or ranges instead, e.g. TRUST_PROXY=127.0.0.1 or ' +
  'TRUST_PROXY=10.0.0.0/8.';

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY → Fastify's `trustProxy`: false (trust no one, the default) or the trusted proxies. */
export function trustProxyFrom(value: string | undefined): false | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') throw new Error(REFUSED_EVERYONE);
  if (/^\d+$/.test(text)) throw new Error(refusedHops(text));
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (wrong.length > 0) {
    throw new Error(
      `TRUST_PROXY must list proxy addresses or CIDR ranges separated by commas; not understood: ${wrong.join(', ')}`,
    );
  }
  return entries;
}
