/**
 * Phones and their enrollment. An admin makes a one-time code (a device row with a code hash) that
 * expires after a few days (7 by default), so a code shown on a screen or sent in a chat does not
 * stay good forever; the phone trades the code for a bearer token once (the code hash is cleared in
 * the same update); an admin can revoke the device at any time, which also kills an unused code.
 * The list of phones with their health is in device-list.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { writeAudit } from './audit';
import { hashSecret, newEnrollmentCode, newToken, normalizeEnrollmentCode } from './secrets';

export interface NewCode {
  deviceId: string;
  code: string;
  name: string;
  kelurahanKode: string | null;
  expiresAt: string;
}

export const DEFAULT_CODE_DAYS = 7;
export const MAX_CODE_DAYS = 30;
const DAY_MS = 86_400_000;

export async function createEnrollmentCode(
  db: Kysely<Database>,
  now: string,
  actor: string,
  opts: { name?: string; kelurahanKode?: string; days?: number } = {},
): Promise<NewCode> {
  const code = newEnrollmentCode();
  const days = opts.days ?? DEFAULT_CODE_DAYS;
  const expiresAt = new Date(Date.parse(now) + days * DAY_MS).toISOString();
  const device = {
    id: randomUUID(),
    name: opts.name?.trim() || 'HP relawan',
    kelurahan_kode: opts.kelurahanKode ?? null,
    enrollment_code_hash: hashSecret(normalizeEnrollmentCode(code)),
    token_hash: null,
    created_at: now,
    enrolled_at: null,
    revoked_at: null,
    code_expires_at: expiresAt,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('devices').values(device).execute();
    await writeAudit(trx, now, {
      actor,
      action: 'enrollment_code.create',
      target: device.id,
      detail: { name: device.name, expiresAt },
    });
  });
  return { deviceId: device.id, code, name: device.name, kelurahanKode: device.kelurahan_kode, expiresAt };
}

/** Trades a one-time code for a token; undefined when the code is unknown, used, expired or revoked. */
export async function enrollDevice(
  db: Kysely<Database>,
  now: string,
  code: string,
): Promise<{ deviceId: string; token: string } | undefined> {
  const codeHash = hashSecret(normalizeEnrollmentCode(code));
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .select('id')
      .where('enrollment_code_hash', '=', codeHash)
      .where('token_hash', 'is', null)
      .where('revoked_at', 'is', null)
      // A code without an expiry predates 0003, whose migration gave every unused code one.
      .where((eb) => eb.or([eb('code_expires_at', 'is', null), eb('code_expires_at', '>', now)]))
      .executeTakeFirst();
    if (!device) return undefined;
    // The `token_hash is null` guard makes a second, concurrent use of the same code update nothing.
    const result = await trx
      .updateTable('devices')
      .set({ token_hash: hashSecret(token), enrollment_code_hash: null, enrolled_at: now })
      .where('id', '=', device.id)
      .where('token_hash', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    await writeAudit(trx, now, { actor: `device:${device.id}`, action: 'device.enroll', target: device.id });
    return { deviceId: device.id, token };
  });
}

/** Revokes a device (or its unused code). Returns false for an unknown id. */
export async function revokeDevice(
  db: Kysely<Database>,
  now: string,
  actor: string,
  deviceId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('devices')
      .set({ revoked_at: now, enrollment_code_hash: null })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const exists = await trx.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      await writeAudit(trx, now, { actor, action: 'device.revoke', target: deviceId });
    }
    return exists !== undefined;
  });
}
