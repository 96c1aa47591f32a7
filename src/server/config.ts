/**
 * Registry configuration, read once from the environment at start-up. Everything has a default that
 * runs a kelurahan pilot on one machine: SQLite under ./data, the PWA from ./dist, port 8080.
 * The clock is part of the config so tests can pin "today" for validation.
 */
import { PROBES_PER_HOUR } from '../shared/nik-probing';
import { SERVICE_AREA_KODE } from '../shared/reference';
import { trustProxyFrom } from './trust-proxy';

export interface ServerConfig {
  port: number;
  host: string;
  /** `sqlite:<path>` (or a bare path) for SQLite, `postgres://…` for PostgreSQL. */
  databaseUrl: string;
  /** Kemendagri code of the area served (4 digits for a kota): NIK warnings compare against it. */
  serviceAreaKode: string;
  /** The built PWA; undefined serves the API only. */
  staticDir: string | undefined;
  /** Origins allowed to call the API from another site; empty keeps CORS closed. */
  corsOrigins: string[];
  /** Enrollment attempts per IP per minute. */
  enrollRateLimit: number;
  /** Proxies whose X-Forwarded-For gives the client IP (rate limits, audit); false trusts none. */
  trustProxy: false | string[];
  logLevel: string;
  /** Where the log goes (stdout unless a test captures it). */
  logStream?: NodeJS.WritableStream;
  /** Officer sessions: end after this many idle minutes, and this many hours after sign-in at most. */
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sign-in attempts per minute, per client IP and per username. */
  loginRateLimit: number;
  /** Wrong passwords in a row that lock an account, and for how long. */
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Where the first admin's one-time password is written when stdout is not a terminal. */
  firstStartFile: string;
  /** HTTPS served by the registry itself (see tls.ts); undefined: plain HTTP (or TLS at a reverse proxy). */
  tls: TlsSettings | undefined;
  /** Strict-Transport-Security max-age sent on HTTPS answers; 0 sends none. */
  hstsMaxAgeSeconds: number;
  /** Bearer token that opens GET /metrics; undefined: no token opens it. */
  metricsToken: string | undefined;
  /** Whether GET /metrics answers loopback and private-network addresses without a token. */
  isMetricsOpenToPrivateNetwork: boolean;
  /** Key of the erased NIKs' hash (services/nik-hash.ts); kept outside the database when set. */
  nikHashSecret: string | undefined;
  /** Duplicate answers and NIK changes per phone per hour before new NIKs are held (nik-probing.ts). */
  probesPerHour: number;
  /** Pushes per phone per minute before a 429 with Retry-After (the phone waits and sends them then). */
  pushRateLimit: number;
  now: () => Date;
}

export interface TlsSettings {
  /** PEM files, read at start and on SIGHUP. */
  certFile: string;
  keyFile: string;
  /** HTTPS on this port and redirects on `port`; undefined: HTTPS on `port` and no plain HTTP at all. */
  httpsPort: number | undefined;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/jaring.sqlite';

type Env = Record<string, string | undefined>;

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function positiveIntFrom(value: string | undefined, fallback: number, name: string): number {
  const n = intFrom(value, fallback, name);
  if (n === 0) throw new Error(`${name} must be at least 1`);
  return n;
}

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Accepts "3573" as well as the dotted "35.73" people write. */
function areaKodeFrom(value: string | undefined): string {
  const kode = (value ?? SERVICE_AREA_KODE).replace(/\./g, '');
  if (!/^\d{2,4}$/.test(kode))
    throw new Error(`SERVICE_AREA must be a province or kota code, got "${value}"`);
  return kode;
}

/** TLS_CERT + TLS_KEY (both or neither), HTTPS_PORT only with them: half a setup is an error, not HTTP. */
function tlsFrom(env: Env, port: number): TlsSettings | undefined {
  const certFile = env.TLS_CERT || undefined;
  const keyFile = env.TLS_KEY || undefined;
  const hasHttpsPort = Boolean(env.HTTPS_PORT);
  if (!certFile && !keyFile) {
    if (hasHttpsPort)
      throw new Error('HTTPS_PORT needs TLS_CERT and TLS_KEY (the certificate and key files)');
    return undefined;
  }
  if (!certFile || !keyFile) throw new Error('TLS_CERT and TLS_KEY must be set together');
  const httpsPort = hasHttpsPort ? positiveIntFrom(env.HTTPS_PORT, 8443, 'HTTPS_PORT') : undefined;
  if (httpsPort === port) throw new Error(`HTTPS_PORT must differ from PORT (both ${port})`);
  return { certFile, keyFile, httpsPort };
}

const ONE_YEAR_SECONDS = 31_536_000;

/** Long enough that guessing it is hopeless (`openssl rand -hex 32` gives 64 characters). */
export const MIN_METRICS_TOKEN_LENGTH = 32;

function metricsTokenFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < MIN_METRICS_TOKEN_LENGTH)
    throw new Error(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`);
  return value;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  return {
    port: intFrom(env.PORT, 8080, 'PORT'),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    serviceAreaKode: areaKodeFrom(env.SERVICE_AREA),
    staticDir: env.STATIC_DIR === '' ? undefined : (env.STATIC_DIR ?? 'dist'),
    corsOrigins: listFrom(env.CORS_ORIGINS),
    enrollRateLimit: intFrom(env.ENROLL_RATE_LIMIT, 10, 'ENROLL_RATE_LIMIT'),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: positiveIntFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: positiveIntFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    loginRateLimit: positiveIntFrom(env.LOGIN_RATE_LIMIT, 10, 'LOGIN_RATE_LIMIT'),
    maxFailedLogins: positiveIntFrom(env.MAX_FAILED_LOGINS, 5, 'MAX_FAILED_LOGINS'),
    lockoutMinutes: positiveIntFrom(env.LOCKOUT_MINUTES, 15, 'LOCKOUT_MINUTES'),
    firstStartFile: env.FIRST_START_FILE || 'data/first-admin-password.txt',
    tls: tlsFrom(env, intFrom(env.PORT, 8080, 'PORT')),
    hstsMaxAgeSeconds: intFrom(env.HSTS_MAX_AGE, ONE_YEAR_SECONDS, 'HSTS_MAX_AGE'),
    metricsToken: metricsTokenFrom(env.METRICS_TOKEN),
    isMetricsOpenToPrivateNetwork: env.METRICS_PRIVATE_NETWORK === 'true',
    nikHashSecret: env.NIK_HASH_SECRET || undefined,
    probesPerHour: positiveIntFrom(env.NIK_PROBES_PER_HOUR, PROBES_PER_HOUR, 'NIK_PROBES_PER_HOUR'),
    pushRateLimit: positiveIntFrom(env.PUSH_RATE_LIMIT, 600, 'PUSH_RATE_LIMIT'),
    now: () => new Date(),
  };
}

/** A config for tests and tools: defaults without reading the environment. */
export function makeConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), staticDir: undefined, logLevel: 'silent', ...overrides };
}
