/**
 * Admin CLI commands for officer accounts and machine tokens. Each returns its output lines; a new
 * secret (one-time password, token) is always the last line, so scripts can take it with `tail -n 1`.
 */
import { readFileSync } from 'node:fs';
import { isValidUsername, normalizeUsername } from '../../shared/accounts';
import { isRole, ROLES, type Role } from '../../shared/access';
import { findKelurahan } from '../../shared/reference';
import type { RegistryDb } from '../db/connect';
import { createApiToken, listApiTokens, MAX_TOKEN_DAYS, revokeApiToken } from '../services/api-tokens';
import { passwordProblem } from '../services/passwords';
import {
  createUser,
  findUserByUsername,
  listUsers,
  resetPassword,
  setActive,
  setRole,
  unlockUser,
} from '../services/users';
import { forTerminal } from './terminal-text';
import { flag, flags, requiredFlag, UsageError, wholeNumber } from './args';

export type Command = (store: RegistryDb, args: string[], now: string, actor: string) => Promise<string[]>;

function roleAndScope(args: string[]): { role: Role; kelurahan: string[] } {
  const role = requiredFlag(args, 'role');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const kelurahan = flags(args, 'kelurahan');
  const unknown = kelurahan.find((k) => !findKelurahan(k));
  if (unknown) throw new UsageError(`unknown kelurahan ${unknown}`);
  if (role === 'operator' && kelurahan.length === 0) throw new UsageError('an operator needs --kelurahan');
  if (role !== 'operator' && kelurahan.length > 0) throw new UsageError('only operators take --kelurahan');
  return { role, kelurahan };
}

async function userIdOf(store: RegistryDb, args: string[]): Promise<string> {
  const user = await findUserByUsername(store.db, normalizeUsername(requiredFlag(args, 'username')));
  if (!user) throw new Error('no such user');
  return user.id;
}

function readPasswordFile(path: string, username: string): string {
  const password = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  const problem = passwordProblem(password, username);
  if (problem) throw new UsageError(`password in ${path}: ${problem}`);
  return password;
}

function userLine(u: Awaited<ReturnType<typeof listUsers>>[number]): string {
  return [
    u.username.padEnd(20),
    u.role.padEnd(12),
    (u.active ? 'active' : 'inactive').padEnd(9),
    (u.lockedUntil ? 'locked' : '').padEnd(7),
    u.kelurahan.join(',') || '-',
  ].join(' ');
}

export const ACCOUNT_COMMANDS: Record<string, Command> = {
  async 'create-user'(store, args, now, actor) {
    const username = normalizeUsername(requiredFlag(args, 'username'));
    if (!isValidUsername(username)) throw new UsageError('--username: 3–32 of a-z 0-9 . _ -');
    const scope = roleAndScope(args);
    const passwordFile = flag(args, 'password-file');
    const password = passwordFile ? readPasswordFile(passwordFile, username) : undefined;
    if (await findUserByUsername(store.db, username)) throw new Error(`user ${username} exists already`);
    const made = await createUser(store.db, now, actor, {
      username,
      displayName: flag(args, 'name'),
      password,
      ...scope,
    });
    const where = scope.kelurahan.length ? ` for ${scope.kelurahan.join(', ')}` : '';
    if (!made.oneTimePassword) return [`Created ${scope.role} ${username}${where}:`, username];
    return [
      `Created ${scope.role} ${username}${where}. One-time password (changed at first sign-in):`,
      made.oneTimePassword,
    ];
  },
  async 'list-users'(store) {
    const users = await listUsers(store.db);
    const header = 'username             role         state     lock    kelurahan';
    return [header, ...users.map(userLine), `${users.length} users`];
  },
  async 'set-role'(store, args, now, actor) {
    const { role, kelurahan } = roleAndScope(args);
    await setRole(store.db, now, actor, await userIdOf(store, args), role, kelurahan);
    return [`Role set (the user's sessions were ended):`, role];
  },
  async 'reset-password'(store, args, now, actor) {
    const password = await resetPassword(store.db, now, actor, await userIdOf(store, args));
    return ['New one-time password (changed at first sign-in; sessions ended):', password!];
  },
  async 'deactivate-user'(store, args, now, actor) {
    await setActive(store.db, now, actor, await userIdOf(store, args), false);
    return ['Deactivated (sessions ended):', requiredFlag(args, 'username')];
  },
  async 'unlock-user'(store, args, now, actor) {
    await unlockUser(store.db, now, actor, await userIdOf(store, args));
    return ['Unlocked:', requiredFlag(args, 'username')];
  },
  async 'create-token'(store, args, now, actor) {
    const label = requiredFlag(args, 'label').slice(0, 100);
    const days = flag(args, 'days');
    const made = await createApiToken(store.db, now, {
      label,
      owner: actor,
      ...roleAndScope(args),
      days: days === undefined ? undefined : wholeNumber(days, '--days', 1, MAX_TOKEN_DAYS),
    });
    return [
      `Token ${made.id} "${forTerminal(label)}", expires ${made.expiresAt}. Shown once; use as Authorization: Bearer <token>:`,
      made.token,
    ];
  },
  async 'list-tokens'(store) {
    const tokens = await listApiTokens(store.db);
    const lines = tokens.map((t) => {
      const state = t.revokedAt ? 'revoked' : `expires ${t.expiresAt.slice(0, 10)}`;
      return [t.id, t.role.padEnd(12), state.padEnd(18), t.owner.padEnd(16), forTerminal(t.label)].join(' ');
    });
    const header = 'id'.padEnd(37) + 'role         state              owner            label';
    return [header, ...lines, `${tokens.length} tokens`];
  },
  async 'revoke-token'(store, [id], now, actor) {
    if (!id) throw new UsageError('revoke-token needs a token id');
    if (!(await revokeApiToken(store.db, now, actor, id))) throw new Error(`no live token ${id}`);
    return ['Revoked token:', id];
  },
};
