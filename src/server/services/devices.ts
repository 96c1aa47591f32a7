/**
 * Phones and their enrollment. An admin makes a one-time code (a device row with a code hash) that
 * expires after a few days (7 by default), so a code shown on a screen or sent in a chat does not
 * stay good forever; the phone trades the code for a bearer token once (the token is set in the same
 * update, which only a device without one takes); an admin can revoke the device at any time, which
 * also kills an unused code. Every refused code is audited with its reason.
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

/** Why a code did not enroll a phone, for the audit log (the phone hears only "invalid"). */
export type EnrollFailure = 'unknown' | 'used' | 'expired' | 'revoked';

export type EnrollOutcome =
  | { ok: true; deviceId: string; token: string; kelurahanKode: string | null }
  | { ok: false; reason: EnrollFailure; deviceId?: string };

function whyRefused(
  device: { token_hash: string | null; revoked_at: string | null; code_expires_at: string | null },
  now: string,
): EnrollFailure | undefined {
  if (device.revoked_at) return 'revoked';
  if (device.token_hash) return 'used';
  // A code without an expiry predates 0003, whose migration gave every unused code one.
  if (device.code_expires_at !== null && device.code_expires_at <= now) return 'expired';
  return undefined;
}

/**
 * Trades a one-time code for a token. A code's hash stays on its device after use or revocation, so
 * a second try is told apart from a wrong code in the audit; `token_hash is null` keeps it single-use.
 */
export async function enrollDevice(db: Kysely<Database>, now: string, code: string): Promise<EnrollOutcome> {
  const codeHash = hashSecret(normalizeEnrollmentCode(code));
  const token = newToken();
  return db.transaction().execute(async (trx): Promise<EnrollOutcome> => {
    const device = await trx
      .selectFrom('devices')
      .select(['id', 'token_hash', 'revoked_at', 'code_expires_at', 'kelurahan_kode'])
      .where('enrollment_code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!device) return { ok: false, reason: 'unknown' };
    const refused = whyRefused(device, now);
    if (refused) return { ok: false, reason: refused, deviceId: device.id };
    // The `token_hash is null` guard makes a second, concurrent use of the same code update nothing.
    const result = await trx
      .updateTable('devices')
      .set({ token_hash: hashSecret(token), enrolled_at: now })
      .where('id', '=', device.id)
      .where('token_hash', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: 'used', deviceId: device.id };
    await writeAudit(trx, now, { actor: `device:${device.id}`, action: 'device.enroll', target: device.id });
    return { ok: true, deviceId: device.id, token, kelurahanKode: device.kelurahan_kode };
  });
}

/**
 * A refused enrollment in the audit log (`device.enroll_failed`): why, the device whose code it was
 * (when the code was a real one), the caller's IP and user agent. Never the code: a wrong one may be a
 * typo of a live one.
 */
export async function auditEnrollFailure(
  db: Kysely<Database>,
  now: string,
  failure: { reason: EnrollFailure | 'malformed'; deviceId?: string; ip: string; userAgent: string },
): Promise<void> {
  await writeAudit(db, now, {
    actor: 'anonymous',
    action: 'device.enroll_failed',
    target: failure.deviceId ?? '-',
    detail: { reason: failure.reason, ip: failure.ip, userAgent: failure.userAgent.slice(0, 300) },
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
      .set({ revoked_at: now })
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
