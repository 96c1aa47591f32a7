/**
 * Machine tokens for scripts and BI tools: a bearer secret (only its SHA-256 is stored) with a label,
 * an owner, a role, a kelurahan scope and an expiry (90 days unless told). Listed and revoked by the
 * city admin; an expired or revoked token is refused like an unknown one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/access';
import type { Database } from '../db/schema';
import { writeAudit } from './audit';
import { hashSecret, isSameHash, newToken } from './secrets';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;

export interface NewApiToken {
  label: string;
  /** "user:<id>" or "cli:<os user>": who answers for it. */
  owner: string;
  role: Role;
  kelurahan?: readonly string[];
  days?: number;
}

export interface ApiTokenSummary {
  id: string;
  label: string;
  owner: string;
  role: Role;
  kelurahan: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createApiToken(
  db: Kysely<Database>,
  now: string,
  input: NewApiToken,
): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = newToken();
  const id = randomUUID();
  const days = input.days ?? DEFAULT_TOKEN_DAYS;
  const expiresAt = new Date(Date.parse(now) + days * 86_400_000).toISOString();
  const kelurahan = input.role === 'operator' ? [...(input.kelurahan ?? [])] : [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: hashSecret(token),
        label: input.label,
        owner: input.owner,
        role: input.role,
        kelurahan_scope: JSON.stringify(kelurahan),
        created_at: now,
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await writeAudit(trx, now, {
      actor: input.owner,
      action: 'api_token.create',
      target: id,
      detail: { label: input.label, role: input.role, kelurahan, expiresAt },
    });
  });
  return { id, token, expiresAt };
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenSummary[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    owner: r.owner,
    role: r.role,
    kelurahan: JSON.parse(r.kelurahan_scope) as string[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token; false when there is no such token or it was revoked already. */
export async function revokeApiToken(db: Kysely<Database>, now: string, actor: string, id: string) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await writeAudit(trx, now, { actor, action: 'api_token.revoke', target: id });
    return true;
  });
}

/** The live token with this secret, or undefined (unknown, revoked or expired). */
export async function findLiveApiToken(db: Kysely<Database>, token: string, now: string) {
  const hash = hashSecret(token);
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at <= now || !isSameHash(row.token_hash, hash)) return undefined;
  // A token made by an officer works only while that officer may still sign in (deactivation ends both).
  if (row.owner.startsWith('user:')) {
    const owner = await db
      .selectFrom('users')
      .select('active')
      .where('id', '=', row.owner.slice('user:'.length))
      .executeTakeFirst();
    if (owner?.active !== 1) return undefined;
  }
  // Recorded once an hour at most: enough to see a token nobody uses, without a write per request.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 3_600_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return row;
}
