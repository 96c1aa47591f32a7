/**
 * Admin tokens and the first start. The very first start of an empty registry makes one admin token
 * and one enrollment code and hands them back to be printed once; after that only the admin CLI makes
 * more. Tokens are stored as hashes, so a lost token cannot be shown again, only replaced.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { writeAudit } from './audit';
import { createEnrollmentCode, type NewCode } from './devices';
import { hashSecret, newToken } from './secrets';

export async function createAdminToken(db: Kysely<Database>, now: string, actor: string): Promise<string> {
  const token = newToken();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('admin_tokens')
      .values({ id, token_hash: hashSecret(token), created_at: now, revoked_at: null })
      .execute();
    await writeAudit(trx, now, { actor, action: 'admin_token.create', target: id });
  });
  return token;
}

export interface FirstStartSecrets {
  adminToken: string;
  enrollment: NewCode;
}

/** Secrets to print when the registry has no admin yet; undefined on every later start. */
export async function ensureFirstStart(
  db: Kysely<Database>,
  now: string,
): Promise<FirstStartSecrets | undefined> {
  const existing = await db.selectFrom('admin_tokens').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const adminToken = await createAdminToken(db, now, 'system:first-start');
  const enrollment = await createEnrollmentCode(db, now, 'system:first-start', { name: 'HP pertama' });
  return { adminToken, enrollment };
}
