/**
 * Signing in with a username and password. Whatever goes wrong — unknown user, wrong password,
 * deactivated, locked — the caller learns only "failed", and an unknown username costs the same
 * argon2 verification as a known one, so neither the answer nor its timing says who exists. The
 * audit log (read by the city admin) records the real reason. After `maxFailures` wrong passwords in a
 * row the account locks for `lockMinutes`; an admin can unlock it sooner. A wrong current password on a
 * password change counts toward the same lockout.
 */
import type { Kysely, Transaction } from 'kysely';
import { isValidUsername } from '../../shared/accounts';
import type { Database, UserRow } from '../db/schema';
import { writeAudit } from './audit';
import { decoyPasswordHash, isPasswordOf } from './passwords';
import { createSession, pruneSessions, type SessionPolicy } from './sessions';
import { endSessionsOf } from './users';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface SignInAttempt {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
}

export type SignInResult = { ok: true; user: UserRow; sessionId: string } | { ok: false };

type FailureReason = 'unknown_user' | 'inactive' | 'locked' | 'wrong_password';

function refusal(user: UserRow | undefined, now: Date, passwordOk: boolean): FailureReason | undefined {
  if (!user) return 'unknown_user';
  if (user.active !== 1) return 'inactive';
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) return 'locked';
  return passwordOk ? undefined : 'wrong_password';
}

export async function signIn(
  db: Kysely<Database>,
  now: Date,
  attempt: SignInAttempt,
  policy: LockoutPolicy & SessionPolicy,
): Promise<SignInResult> {
  // A name no account can have (a NUL, say, which PostgreSQL refuses in a query) is simply unknown.
  const user = isValidUsername(attempt.username)
    ? await db.selectFrom('users').selectAll().where('username', '=', attempt.username).executeTakeFirst()
    : undefined;
  const passwordOk = await isPasswordOf(attempt.password, user?.password_hash ?? (await decoyPasswordHash()));
  const reason = refusal(user, now, passwordOk);
  const at = now.toISOString();
  const client = { ip: attempt.ip, userAgent: attempt.userAgent.slice(0, 300) };
  if (reason) {
    await recordFailure(db, at, user, reason, policy, { ...client, username: attempt.username });
    return { ok: false };
  }
  const sessionId = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ last_login_at: at, failed_attempts: 0, locked_until: null })
      .where('id', '=', user!.id)
      .execute();
    await pruneSessions(trx, now, policy);
    const id = await createSession(trx, at, user!.id, client);
    await writeAudit(trx, at, {
      actor: `user:${user!.id}`,
      action: 'auth.login',
      target: user!.id,
      detail: client,
    });
    return id;
  });
  return { ok: true, user: user!, sessionId };
}

/**
 * One more wrong password, counted in the database itself (`failed_attempts + 1`), so guesses sent in
 * parallel cannot all read the same count and never lock; the one that reaches the limit locks.
 */
async function countFailure(trx: Transaction<Database>, userId: string, at: string, policy: LockoutPolicy) {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirst();
  if (!row || row.failed_attempts < policy.maxFailures) return false;
  const lockedUntil = new Date(Date.parse(at) + policy.lockMinutes * 60_000).toISOString();
  await trx
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
  return true;
}

async function recordFailure(
  db: Kysely<Database>,
  at: string,
  user: UserRow | undefined,
  reason: FailureReason,
  policy: LockoutPolicy,
  client: { ip: string; userAgent: string; username: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const lockedNow =
      user && reason === 'wrong_password' ? await countFailure(trx, user.id, at, policy) : false;
    await writeAudit(trx, at, {
      actor: 'anonymous',
      action: 'auth.login_failed',
      // A typed name is kept for the admin to read, with control characters (NUL) made visible.
      target: user?.id ?? client.username.slice(0, 64).replace(/\p{Cc}/gu, '\uFFFD'),
      detail: { reason, ip: client.ip, userAgent: client.userAgent, ...(lockedNow ? { locked: true } : {}) },
    });
  });
}

/**
 * A wrong current password on a password change, from a signed-in officer: a guess like a wrong
 * sign-in (someone holding a stolen session tries to take the account over), so it counts toward the
 * same lockout. The guess that locks the account also ends every session of it, the one guessing
 * included. Returns whether it locked.
 */
export async function recordWrongCurrentPassword(
  db: Kysely<Database>,
  at: string,
  userId: string,
  policy: LockoutPolicy,
  client: { ip: string; userAgent: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const lockedNow = await countFailure(trx, userId, at, policy);
    if (lockedNow) await endSessionsOf(trx, userId);
    await writeAudit(trx, at, {
      actor: `user:${userId}`,
      action: 'auth.password_change_failed',
      target: userId,
      detail: {
        reason: 'wrong_password',
        ip: client.ip,
        userAgent: client.userAgent.slice(0, 300),
        ...(lockedNow ? { locked: true } : {}),
      },
    });
    return lockedNow;
  });
}
