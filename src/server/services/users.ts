/**
 * Officer accounts: create, list, change role and scope, reset or change a password, deactivate,
 * unlock. Every change is audited in its own transaction, and anything that takes a person's access
 * away (new password, deactivation) ends all of that person's sessions in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../shared/access';
import type { Database, UserRow } from '../db/schema';
import { writeAudit } from './audit';
import { hashPassword, newOneTimePassword } from './passwords';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  kelurahan: string[];
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  failedAttempts: number;
}

export function summarizeUser(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    kelurahan: JSON.parse(row.kelurahan_scope) as string[],
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    lockedUntil: row.locked_until,
    failedAttempts: row.failed_attempts,
  };
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  kelurahan: readonly string[];
  /** Given: that password (scripted set-ups). Omitted: a one-time password to change at first sign-in. */
  password?: string;
}

/** Creates a user; the one-time password is returned when none was given. Throws on a taken username. */
export async function createUser(
  db: Kysely<Database>,
  now: string,
  actor: string,
  input: NewUser,
): Promise<{ user: UserSummary; oneTimePassword?: string }> {
  const oneTimePassword = input.password === undefined ? newOneTimePassword() : undefined;
  const row: UserRow = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName?.trim() || input.username,
    password_hash: await hashPassword(input.password ?? oneTimePassword!),
    role: input.role,
    kelurahan_scope: JSON.stringify(input.role === 'operator' ? [...input.kelurahan] : []),
    active: 1,
    must_change_password: oneTimePassword ? 1 : 0,
    created_at: now,
    updated_at: now,
    last_login_at: null,
    failed_attempts: 0,
    locked_until: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(row).execute();
    const detail = { username: row.username, role: row.role, kelurahan: JSON.parse(row.kelurahan_scope) };
    await writeAudit(trx, now, { actor, action: 'user.create', target: row.id, detail });
  });
  return { user: summarizeUser(row), ...(oneTimePassword ? { oneTimePassword } : {}) };
}

export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(summarizeUser);
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function endSessionsOf(trx: Db, userId: string, except?: string): Promise<void> {
  let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id_hash', '!=', except);
  await query.execute();
}

type UserChange = Partial<Omit<UserRow, 'id' | 'created_at'>>;

/**
 * Applies a change to one user with its audit row; `endSessions` also signs the user out everywhere.
 * Returns false for an unknown id.
 */
export async function updateUser(
  db: Kysely<Database>,
  now: string,
  actor: string,
  id: string,
  change: { set: UserChange; action: string; detail?: Record<string, unknown>; endSessions?: boolean },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ ...change.set, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    if (change.endSessions) await endSessionsOf(trx, id);
    await writeAudit(trx, now, { actor, action: change.action, target: id, detail: change.detail });
    return true;
  });
}

export function setRole(
  db: Kysely<Database>,
  now: string,
  actor: string,
  id: string,
  role: Role,
  kelurahan: readonly string[],
): Promise<boolean> {
  const scope = role === 'operator' ? [...kelurahan] : [];
  return updateUser(db, now, actor, id, {
    set: { role, kelurahan_scope: JSON.stringify(scope) },
    action: 'user.set_role',
    detail: { role, kelurahan: scope },
    // A narrower role must take effect now, not when an old session expires.
    endSessions: true,
  });
}

/** A new one-time password for a user who lost theirs; unlocks the account and ends its sessions. */
export async function resetPassword(
  db: Kysely<Database>,
  now: string,
  actor: string,
  id: string,
): Promise<string | undefined> {
  const oneTimePassword = newOneTimePassword();
  const done = await updateUser(db, now, actor, id, {
    set: {
      password_hash: await hashPassword(oneTimePassword),
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
    },
    action: 'user.reset_password',
    endSessions: true,
  });
  return done ? oneTimePassword : undefined;
}

export function setActive(
  db: Kysely<Database>,
  now: string,
  actor: string,
  id: string,
  active: boolean,
): Promise<boolean> {
  return updateUser(db, now, actor, id, {
    set: { active: active ? 1 : 0 },
    action: active ? 'user.activate' : 'user.deactivate',
    endSessions: !active,
  });
}

export function unlockUser(db: Kysely<Database>, now: string, actor: string, id: string) {
  return updateUser(db, now, actor, id, {
    set: { failed_attempts: 0, locked_until: null },
    action: 'user.unlock',
  });
}
