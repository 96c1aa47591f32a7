/**
 * Who is calling: a phone (device bearer token), an officer's machine token (bearer), or an officer's
 * browser (session cookie). Bearer tokens are looked up by their SHA-256 hash and then compared in
 * constant time. A revoked phone gets its own code, `device_revoked`, so the app can tell the volunteer
 * to re-enroll instead of retrying forever.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { isRole } from '../shared/access';
import type { RegistryContext } from './context';
import type { RegistryDb } from './db/connect';
import type { Device } from './db/schema';
import { scopeFor, type Principal } from './principal';
import { ProblemError, unauthorized } from './problems';
import { findLiveApiToken } from './services/api-tokens';
import { hashSecret, isSameHash } from './services/secrets';
import { readSession } from './services/sessions';
import { sessionIdOf } from './session-cookie';

export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/.exec(header ?? '');
  return match?.[1];
}

export async function authenticateDevice(store: RegistryDb, request: FastifyRequest): Promise<Device> {
  const token = bearerTokenOf(request);
  if (!token) throw unauthorized();
  const hash = hashSecret(token);
  const device = await store.db
    .selectFrom('devices')
    .selectAll()
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (!device?.token_hash || !isSameHash(device.token_hash, hash)) throw unauthorized();
  if (device.revoked_at) {
    throw new ProblemError(
      401,
      'device_revoked',
      'Perangkat ini sudah dicabut oleh admin. Hubungi koordinator untuk kode pendaftaran baru.',
    );
  }
  return device;
}

/**
 * A sync route's `onRequest` hook: the device is known (or the request refused) before a byte of the
 * body is read or parsed, so an unauthenticated caller costs no JSON parsing of up to 1 MiB.
 */
export function authenticateDeviceFirst(store: RegistryDb): onRequestAsyncHookHandler {
  return async (request) => {
    request.device = await authenticateDevice(store, request);
  };
}

const signedOut = () =>
  new ProblemError(401, 'unauthorized', 'Sesi berakhir atau belum masuk. Silakan masuk lagi.');

async function principalOfToken(registry: RegistryContext, token: string): Promise<Principal> {
  const row = await findLiveApiToken(registry.store.db, token, registry.nowIso());
  if (!row || !isRole(row.role))
    throw new ProblemError(401, 'unauthorized', 'Token tidak ada atau tidak berlaku.');
  return {
    actor: `token:${row.id}`,
    via: 'token',
    id: row.id,
    name: row.label,
    role: row.role,
    kelurahan: scopeFor(row.role, JSON.parse(row.kelurahan_scope) as string[]),
    mustChangePassword: false,
  };
}

async function principalOfSession(registry: RegistryContext, sessionId: string): Promise<Principal> {
  const { config, store } = registry;
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const found = await readSession(store.db, sessionId, config.now(), policy);
  if (!found || !isRole(found.user.role)) throw signedOut();
  const { user } = found;
  return {
    actor: `user:${user.id}`,
    via: 'session',
    id: user.id,
    name: user.display_name,
    role: user.role,
    kelurahan: scopeFor(user.role, JSON.parse(user.kelurahan_scope) as string[]),
    mustChangePassword: user.must_change_password === 1,
    sessionHash: found.idHash,
  };
}

/** The officer behind a request: a bearer token if one is sent, else the session cookie. */
export async function authenticateOfficer(
  registry: RegistryContext,
  request: FastifyRequest,
): Promise<Principal> {
  if (request.headers.authorization !== undefined) {
    const token = bearerTokenOf(request);
    if (!token) throw new ProblemError(401, 'unauthorized', 'Token tidak ada atau tidak berlaku.');
    return principalOfToken(registry, token);
  }
  const sessionId = sessionIdOf(request);
  if (!sessionId) throw signedOut();
  return principalOfSession(registry, sessionId);
}
