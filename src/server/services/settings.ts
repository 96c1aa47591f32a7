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
const KTP_PHOTO_KEY = 'require_ktp_photo';

const retentionDaysOf = (stored: string | undefined): number => {
  const days = Number(stored);
  return isRetentionDays(days) ? days : DEFAULT_RETENTION_DAYS;
};

/** Days a phone keeps a full record after the registry accepted it (src/shared/retention.ts). */
export async function readRetentionDays(db: Kysely<Database>): Promise<number> {
  return retentionDaysOf(await readSetting(db, RETENTION_KEY));
}

/** Whether the office requires a KTP photo with every registration (phones learn it at each pull). */
export async function readRequiresKtpPhoto(db: Kysely<Database>): Promise<boolean> {
  return (await readSetting(db, KTP_PHOTO_KEY)) === 'true';
}

/** What every pull tells a phone, in one read (the pull is the hottest route after the push). */
export async function readPhoneSettings(
  db: Kysely<Database>,
): Promise<{ retentionDays: number; requireKtpPhoto: boolean }> {
  const rows = await db
    .selectFrom('registry_settings')
    .select(['key', 'value'])
    .where('key', 'in', [RETENTION_KEY, KTP_PHOTO_KEY])
    .execute();
  const valueOf = (key: string) => rows.find((row) => row.key === key)?.value;
  return {
    retentionDays: retentionDaysOf(valueOf(RETENTION_KEY)),
    requireKtpPhoto: valueOf(KTP_PHOTO_KEY) === 'true',
  };
}

/** Writes an office setting and audits it with the value it had before, in one transaction. */
async function writeAuditedSetting<T>(
  db: Kysely<Database>,
  change: { now: string; actor: string; action: string; key: string },
  read: (trx: Kysely<Database>) => Promise<T>,
  to: T,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const from = await read(trx);
    await writeSetting(trx, change.key, String(to));
    await writeAudit(trx, change.now, {
      actor: change.actor,
      action: change.action,
      target: change.key,
      detail: { from, to },
    });
  });
}

export function writeRetentionDays(
  db: Kysely<Database>,
  now: string,
  actor: string,
  days: number,
): Promise<void> {
  const change = { now, actor, action: 'settings.retention', key: RETENTION_KEY };
  return writeAuditedSetting(db, change, readRetentionDays, days);
}

export function writeRequiresKtpPhoto(
  db: Kysely<Database>,
  now: string,
  actor: string,
  isRequired: boolean,
): Promise<void> {
  const change = { now, actor, action: 'settings.ktp_photo', key: KTP_PHOTO_KEY };
  return writeAuditedSetting(db, change, readRequiresKtpPhoto, isRequired);
}
