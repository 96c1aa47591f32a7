/**
 * Phones and their enrollment. An admin makes a one-time code (a device row with a code hash); the
 * phone trades the code for a bearer token once (the code hash is cleared in the same update); an
 * admin can revoke the device at any time, which also kills an unused code.
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
}

export async function createEnrollmentCode(
  db: Kysely<Database>,
  now: string,
  actor: string,
  opts: { name?: string; kelurahanKode?: string } = {},
): Promise<NewCode> {
  const code = newEnrollmentCode();
  const device = {
    id: randomUUID(),
    name: opts.name?.trim() || 'HP relawan',
    kelurahan_kode: opts.kelurahanKode ?? null,
    enrollment_code_hash: hashSecret(normalizeEnrollmentCode(code)),
    token_hash: null,
    created_at: now,
    enrolled_at: null,
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('devices').values(device).execute();
    await writeAudit(trx, now, {
      actor,
      action: 'enrollment_code.create',
      target: device.id,
      detail: { name: device.name },
    });
  });
  return { deviceId: device.id, code, name: device.name, kelurahanKode: device.kelurahan_kode };
}

/** Trades a one-time code for a token; undefined when the code is unknown, used or revoked. */
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

export type DeviceState = 'pending' | 'enrolled' | 'revoked';

export interface DeviceSummary {
  id: string;
  name: string;
  kelurahanKode: string | null;
  state: DeviceState;
  createdAt: string;
  enrolledAt: string | null;
  revokedAt: string | null;
  registrations: number;
}

/** Selected and grouped by alike: one row per device with its registration count. */
const SUMMARY_COLUMNS = [
  'devices.id',
  'devices.name',
  'devices.kelurahan_kode',
  'devices.token_hash',
  'devices.created_at',
  'devices.enrolled_at',
  'devices.revoked_at',
] as const;

export async function listDevices(db: Kysely<Database>, state?: DeviceState): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .leftJoin('registrations', 'registrations.device_id', 'devices.id')
    .select((eb) => [
      ...SUMMARY_COLUMNS,
      eb.fn.count<number | string>('registrations.id').as('registrations'),
    ])
    .groupBy([...SUMMARY_COLUMNS])
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
  const all = rows.map((r): DeviceSummary => ({
    id: r.id,
    name: r.name,
    kelurahanKode: r.kelurahan_kode,
    state: r.revoked_at ? 'revoked' : r.token_hash ? 'enrolled' : 'pending',
    createdAt: r.created_at,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    registrations: Number(r.registrations),
  }));
  return state ? all.filter((d) => d.state === state) : all;
}
