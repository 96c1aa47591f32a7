/**
 * Who is calling: a phone (device bearer token) or an admin (admin bearer token). Tokens are looked up
 * by their SHA-256 hash and then compared in constant time. A revoked phone gets its own code,
 * `device_revoked`, so the app can tell the volunteer to re-enroll instead of retrying forever.
 */
import type { FastifyRequest } from 'fastify';
import type { RegistryDb } from './db/connect';
import type { Device } from './db/schema';
import { ProblemError, unauthorized } from './problems';
import { hashSecret, isSameHash } from './services/secrets';

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

/** Returns the audit actor ("admin:<token id>") of a valid admin token. */
export async function authenticateAdmin(store: RegistryDb, request: FastifyRequest): Promise<string> {
  const token = bearerTokenOf(request);
  if (!token) throw unauthorized();
  const hash = hashSecret(token);
  const row = await store.db
    .selectFrom('admin_tokens')
    .select(['id', 'token_hash', 'revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at || !isSameHash(row.token_hash, hash)) {
    throw new ProblemError(401, 'unauthorized', 'Token admin tidak ada atau tidak berlaku.');
  }
  return `admin:${row.id}`;
}
