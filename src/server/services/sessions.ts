/**
 * Browser sessions of officers, kept server-side. The cookie carries a random 256-bit id; the table
 * holds only its SHA-256, so a copy of the database hands out no session. A session ends after
 * `idleMinutes` without a request or `absoluteHours` after sign-in, whichever comes first; both are
 * measured with the registry's clock, so tests move it instead of waiting.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, UserRow } from '../db/schema';
import { hashSecret, newToken } from './secrets';

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** last_seen_at is rewritten at most this often: one write a minute, not one per request. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
  db: Db,
  now: string,
  userId: string,
  client: { ip: string; userAgent: string },
): Promise<string> {
  const id = newToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(id),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
    })
    .execute();
  return id;
}

function isLive(session: { created_at: string; last_seen_at: string }, now: Date, policy: SessionPolicy) {
  const idleMs = now.getTime() - Date.parse(session.last_seen_at);
  const ageMs = now.getTime() - Date.parse(session.created_at);
  return idleMs < policy.idleMinutes * 60_000 && ageMs < policy.absoluteHours * 3_600_000;
}

/** The active user behind a cookie's session id, or undefined (an expired session is deleted). */
export async function readSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<{ user: UserRow; idHash: string } | undefined> {
  const idHash = hashSecret(sessionId);
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (!session) return undefined;
  if (!isLive(session, now, policy)) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user || user.active !== 1) return undefined;
  if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { user, idHash };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Drops sessions that can no longer be used (called at sign-in, so the table does not grow forever). */
export async function pruneSessions(db: Db, now: Date, policy: SessionPolicy): Promise<void> {
  const idleCut = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  const ageCut = new Date(now.getTime() - policy.absoluteHours * 3_600_000).toISOString();
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleCut), eb('created_at', '<', ageCut)]))
    .execute();
}
