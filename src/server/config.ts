/**
 * Registry configuration, read once from the environment at start-up. Everything has a default that
 * runs a kelurahan pilot on one machine: SQLite under ./data, the PWA from ./dist, port 8080.
 * The clock is part of the config so tests can pin "today" for validation.
 */
import { PROBES_PER_HOUR } from '../shared/nik-probing';
import { SERVICE_AREA_KODE } from '../shared/reference';

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
  /** Trust X-Forwarded-For from a reverse proxy (for rate limits by client IP). */
  trustProxy: boolean;
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
  /** Key of the erased NIKs' hash (services/nik-hash.ts); kept outside the database when set. */
  nikHashSecret: string | undefined;
  /** Duplicate answers and NIK changes per phone per hour before new NIKs are held (nik-probing.ts). */
  probesPerHour: number;
  now: () => Date;
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

export function loadConfig(env: Env = process.env): ServerConfig {
  return {
    port: intFrom(env.PORT, 8080, 'PORT'),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    serviceAreaKode: areaKodeFrom(env.SERVICE_AREA),
    staticDir: env.STATIC_DIR === '' ? undefined : (env.STATIC_DIR ?? 'dist'),
    corsOrigins: listFrom(env.CORS_ORIGINS),
    enrollRateLimit: intFrom(env.ENROLL_RATE_LIMIT, 10, 'ENROLL_RATE_LIMIT'),
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: positiveIntFrom(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: positiveIntFrom(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'),
    loginRateLimit: positiveIntFrom(env.LOGIN_RATE_LIMIT, 10, 'LOGIN_RATE_LIMIT'),
    maxFailedLogins: positiveIntFrom(env.MAX_FAILED_LOGINS, 5, 'MAX_FAILED_LOGINS'),
    lockoutMinutes: positiveIntFrom(env.LOCKOUT_MINUTES, 15, 'LOCKOUT_MINUTES'),
    firstStartFile: env.FIRST_START_FILE || 'data/first-admin-password.txt',
    nikHashSecret: env.NIK_HASH_SECRET || undefined,
    probesPerHour: positiveIntFrom(env.NIK_PROBES_PER_HOUR, PROBES_PER_HOUR, 'NIK_PROBES_PER_HOUR'),
    now: () => new Date(),
  };
}

/** A config for tests and tools: defaults without reading the environment. */
export function makeConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...loadConfig({}), staticDir: undefined, logLevel: 'silent', ...overrides };
}
