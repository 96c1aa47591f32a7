/**
 * The phones as the office sees them: each with its state, its record count and the health it last
 * reported (services/device-health.ts). One query: devices joined with their registrations, grouped.
 */
import type { DeviceState, DeviceSummary } from '../../shared/admin-protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { HELD_ACTION, PROBE_ACTIONS } from '../../shared/nik-probing';

/** `expired`: an unused code past its expiry, which no phone can enroll with any more. */
export type { DeviceState, DeviceSummary } from '../../shared/admin-protocol';

/** Selected and grouped by alike: one row per device. */
const COLUMNS = [
  'devices.id',
  'devices.name',
  'devices.kelurahan_kode',
  'devices.token_hash',
  'devices.created_at',
  'devices.enrolled_at',
  'devices.revoked_at',
  'devices.code_expires_at',
  'devices.last_seen_at',
  'devices.last_push_at',
  'devices.app_version',
  'devices.pending_count',
  'devices.oldest_pending_at',
  'devices.storage_persisted',
  'devices.clock_offset_ms',
] as const;

const latest = (...times: (string | null | undefined)[]): string | null =>
  times
    .filter((t): t is string => !!t)
    .sort()
    .at(-1) ?? null;

function stateOf(
  r: { revoked_at: string | null; token_hash: string | null; code_expires_at: string | null },
  now: string,
): DeviceState {
  if (r.revoked_at) return 'revoked';
  if (r.token_hash) return 'enrolled';
  return r.code_expires_at !== null && r.code_expires_at <= now ? 'expired' : 'pending';
}

const DAY_MS = 86_400_000;

/** Per device, its duplicate answers, NIK changes and held records in the 24 hours before `now`. */
async function probesByDevice(db: Kysely<Database>, now: string) {
  const since = new Date(Date.parse(now) - DAY_MS).toISOString();
  const rows = await db
    .selectFrom('audit_log')
    .select((eb) => ['actor', 'action', eb.fn.countAll<number | string>().as('n')])
    .where('action', 'in', [...PROBE_ACTIONS, HELD_ACTION])
    .where('actor', 'like', 'device:%')
    .where('at', '>=', since)
    .groupBy(['actor', 'action'])
    .execute();
  const byDevice = new Map<string, DeviceSummary['nikProbes24h']>();
  for (const r of rows) {
    const id = r.actor.slice('device:'.length);
    const counts = byDevice.get(id) ?? { duplicateAnswers: 0, nikChanges: 0, held: 0 };
    const n = Number(r.n);
    if (r.action === 'sync.duplicate_answer') counts.duplicateAnswers += n;
    else if (r.action === 'registration.nik_change') counts.nikChanges += n;
    else counts.held += n;
    byDevice.set(id, counts);
  }
  return byDevice;
}

export async function listDevices(
  db: Kysely<Database>,
  opts: { now: string; state?: DeviceState },
): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .leftJoin('registrations', 'registrations.device_id', 'devices.id')
    .select((eb) => [
      ...COLUMNS,
      eb.fn.count<number | string>('registrations.id').as('registrations'),
      eb.fn.max('registrations.updated_at').as('last_record_at'),
    ])
    .groupBy([...COLUMNS])
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
  const probes = await probesByDevice(db, opts.now);
  const all = rows.map((r): DeviceSummary => {
    const state = stateOf(r, opts.now);
    const lastPushAt = latest(r.last_push_at, r.last_record_at);
    return {
      id: r.id,
      name: r.name,
      kelurahanKode: r.kelurahan_kode,
      state,
      createdAt: r.created_at,
      enrolledAt: r.enrolled_at,
      revokedAt: r.revoked_at,
      codeExpiresAt: state === 'pending' || state === 'expired' ? r.code_expires_at : null,
      lastContactAt: latest(r.last_seen_at, lastPushAt, r.enrolled_at),
      lastPushAt,
      appVersion: r.app_version,
      pending: r.pending_count,
      oldestPendingAt: r.oldest_pending_at,
      storagePersisted: r.storage_persisted === null ? null : r.storage_persisted === 1,
      clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
      registrations: Number(r.registrations),
      nikProbes24h: probes.get(r.id) ?? { duplicateAnswers: 0, nikChanges: 0, held: 0 },
    };
  });
  return opts.state ? all.filter((d) => d.state === opts.state) : all;
}
