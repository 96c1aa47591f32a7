/**
 * A phone's health as it reports it with each push and pull (`DeviceReport` in the shared protocol):
 * kept on its device row so Kantor's Perangkat screen can show a phone in trouble — silent, records
 * waiting for days, storage the browser may evict, a clock that is far off. The report is advisory:
 * one that fails the schema is dropped (the call it came with goes on), and a phone too old to send
 * one still has its contact times recorded.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database, DevicesTable } from '../db/schema';
import { DeviceReportSchema, MAX_DEVICE_PARAM_LENGTH, type DeviceReport } from '../../shared/sync-protocol';

/** PostgreSQL's integer: a phone whose clock is decades off must not make the update fail. */
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

export type ReportReading =
  { kind: 'none' } | { kind: 'valid'; report: DeviceReport } | { kind: 'invalid'; issues: string[] };

/** What a phone sent as its report: nothing (an older phone), a valid report, or what was wrong with it. */
export function readDeviceReport(input: unknown): ReportReading {
  if (input === undefined) return { kind: 'none' };
  const parsed = DeviceReportSchema.safeParse(input);
  if (parsed.success) return { kind: 'valid', report: parsed.data };
  // Paths and codes only: never the values (they are the phone's, and could be anything).
  return { kind: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}:${i.code}`) };
}

/** The pull's `device` query parameter: JSON of a report, bounded before it is parsed. */
export function readDeviceParam(param: unknown): ReportReading {
  if (param === undefined) return { kind: 'none' };
  if (typeof param !== 'string' || param.length > MAX_DEVICE_PARAM_LENGTH) {
    return { kind: 'invalid', issues: ['device:not_json'] };
  }
  try {
    return readDeviceReport(JSON.parse(param));
  } catch {
    return { kind: 'invalid', issues: ['device:not_json'] };
  }
}

/** Phone clock − registry clock in ms, clamped to an integer column; null for a time no clock shows. */
export function clockOffsetMs(phoneClock: string, serverNow: Date): number | null {
  const offset = Date.parse(phoneClock) - serverNow.getTime();
  if (!Number.isFinite(offset)) return null;
  return Math.min(INT4_MAX, Math.max(INT4_MIN, Math.round(offset)));
}

/**
 * Records that the phone called (`last_seen_at`, and `last_push_at` for a push) and, when it sent a
 * valid report, what it said. The clock offset is the phone's clock minus the registry's at receipt,
 * so it includes the request's travel time (seconds at worst, far below what the office looks for).
 */
export async function recordContact(
  db: Kysely<Database>,
  deviceId: string,
  now: Date,
  contact: { kind: 'push' | 'pull'; report: DeviceReport | undefined },
): Promise<void> {
  const at = now.toISOString();
  const { report } = contact;
  const values: Updateable<DevicesTable> = {
    last_seen_at: at,
    ...(contact.kind === 'push' && { last_push_at: at }),
    ...(report && {
      app_version: report.appVersion,
      pending_count: report.pending,
      oldest_pending_at: report.oldestPendingAt,
      storage_persisted: report.storagePersisted === undefined ? null : Number(report.storagePersisted),
      clock_offset_ms: clockOffsetMs(report.clock, now),
    }),
  };
  await db.updateTable('devices').set(values).where('id', '=', deviceId).execute();
}
