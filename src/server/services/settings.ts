/**
 * The registry's own settings (`registry_settings`, key → text): what the office sets in Kantor and
 * values the registry makes once and keeps (the NIK-hash salt). Reads fall back to a default, so a
 * registry never needs a seeded row.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DEFAULT_RETENTION_DAYS, isRetentionDays } from '../../shared/retention';
import { writeAudit } from './audit';

export async function readSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('registry_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('registry_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * A random value made on first use and never changed (base64url of `bytes` random bytes). Concurrent
 * first uses (two instances) agree: the insert keeps whichever came first and both read that one back.
 */
export async function readOrMakeSecret(db: Kysely<Database>, key: string, bytes: number): Promise<string> {
  const existing = await readSetting(db, key);
  if (existing) return existing;
  await db
    .insertInto('registry_settings')
    .values({ key, value: randomBytes(bytes).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readSetting(db, key))!;
}

const RETENTION_KEY = 'phone_retention_days';

/** Days a phone keeps a full record after the registry accepted it (src/shared/retention.ts). */
export async function readRetentionDays(db: Kysely<Database>): Promise<number> {
  const stored = Number(await readSetting(db, RETENTION_KEY));
  return isRetentionDays(stored) ? stored : DEFAULT_RETENTION_DAYS;
}

export async function writeRetentionDays(
  db: Kysely<Database>,
  now: string,
  actor: string,
  days: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await readRetentionDays(trx);
    await writeSetting(trx, RETENTION_KEY, String(days));
    await writeAudit(trx, now, {
      actor,
      action: 'settings.retention',
      target: RETENTION_KEY,
      detail: { from, to: days },
    });
  });
}

const KTP_PHOTO_KEY = 'require_ktp_photo';

/** Whether the office requires a KTP photo with every registration (phones learn it at each pull). */
export async function readRequiresKtpPhoto(db: Kysely<Database>): Promise<boolean> {
  return (await readSetting(db, KTP_PHOTO_KEY)) === 'true';
}

export async function writeRequiresKtpPhoto(
  db: Kysely<Database>,
  now: string,
  actor: string,
  isRequired: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await readRequiresKtpPhoto(trx);
    await writeSetting(trx, KTP_PHOTO_KEY, String(isRequired));
    await writeAudit(trx, now, {
      actor,
      action: 'settings.ktp_photo',
      target: KTP_PHOTO_KEY,
      detail: { from, to: isRequired },
    });
  });
}
