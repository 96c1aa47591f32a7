/**
 * The first admin. An empty registry gets user `admin` with a one-time password that must be changed at
 * the first sign-in. That password has to reach a person: main.ts prints it (a terminal) or writes it to
 * a 0600 file (a service), and only then marks it delivered. If the start fails before that — the port
 * is taken, say — the next start finds it undelivered and issues a fresh one, so the secret is never
 * stored and lost. Once delivered, or once anyone has signed in as admin, starts say nothing.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/connect';
import type { Database } from '../db/schema';
import { createUser, findUserByUsername, resetPassword } from './users';

export const FIRST_ADMIN_USERNAME = 'admin';
const DELIVERED_KEY = 'first_admin_delivered_at';
const ACTOR = 'system:first-start';

export interface FirstAdmin {
  username: string;
  password: string;
}

async function isDelivered(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('registry_settings')
    .select('value')
    .where('key', '=', DELIVERED_KEY)
    .executeTakeFirst();
  return row !== undefined;
}

/** The first admin's credentials when they still have to be told; undefined otherwise. */
export async function firstAdminToTell(db: Kysely<Database>, now: string): Promise<FirstAdmin | undefined> {
  const anyUser = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    try {
      const made = await createUser(db, now, ACTOR, {
        username: FIRST_ADMIN_USERNAME,
        displayName: 'Admin kota',
        role: 'admin',
        kelurahan: [],
      });
      return { username: FIRST_ADMIN_USERNAME, password: made.oneTimePassword! };
    } catch (error) {
      if (isUniqueViolation(error)) return undefined; // another instance made it and tells it
      throw error;
    }
  }
  if (await isDelivered(db)) return undefined;
  const admin = await findUserByUsername(db, FIRST_ADMIN_USERNAME);
  if (!admin || admin.last_login_at !== null || admin.must_change_password !== 1) return undefined;
  const password = await resetPassword(db, now, ACTOR, admin.id);
  return password ? { username: FIRST_ADMIN_USERNAME, password } : undefined;
}

export async function markFirstAdminDelivered(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto('registry_settings')
    .values({ key: DELIVERED_KEY, value: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
