/**
 * Ringkasan, the coordinator's first screen: coverage against the target, registrations per WIB day,
 * how many records wait for review, and phones that have gone silent. Everything is limited to the
 * caller's kelurahan scope (null: the whole city).
 */
import { sql, type Kysely } from 'kysely';
import { wibDate } from '../clock';
import type { Database } from '../db/schema';
import { readCoverage } from './coverage-data';

export const SILENT_AFTER_DAYS = 3;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Scope = readonly string[] | null;

/** `in (…)` never gets an empty list: an empty scope matches nothing. */
const scopeList = (scope: readonly string[]) => (scope.length > 0 ? [...scope] : ['']);

/**
 * Registrations per WIB day for the last `days` days, oldest first, zeros included. Grouped by the UTC
 * hour in SQL (portable, at most 24 rows a day) and folded into WIB days here.
 */
export async function registrationsPerDay(db: Kysely<Database>, now: Date, days: number, scope: Scope) {
  const firstDay = wibDate(new Date(now.getTime() - (days - 1) * DAY_MS));
  const fromUtc = new Date(Date.parse(`${firstDay}T00:00:00.000Z`) - 7 * HOUR_MS).toISOString();
  let query = db
    .selectFrom('registrations')
    .where('received_at', '>=', fromUtc)
    .where('voided_at', 'is', null)
    .where('status', '!=', 'rejected');
  if (scope !== null) query = query.where('kelurahan_kode', 'in', scopeList(scope));
  // By the registry's receipt, the official registration date (a phone's clock can be years off).
  const hour = sql<string>`substr(received_at, 1, 13)`;
  const rows = await query
    .select((eb) => [hour.as('hour'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(hour)
    .execute();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    const day = wibDate(new Date(`${row.hour}:00:00.000Z`));
    perDay.set(day, (perDay.get(day) ?? 0) + Number(row.n));
  }
  return Array.from({ length: days }, (_, i) => {
    const day = wibDate(new Date(Date.parse(`${firstDay}T12:00:00.000Z`) + i * DAY_MS));
    return { day, count: perDay.get(day) ?? 0 };
  });
}

export async function waitingForReview(db: Kysely<Database>, scope: Scope): Promise<number> {
  let query = db.selectFrom('registrations').where('status', '=', 'received').where('voided_at', 'is', null);
  if (scope !== null) query = query.where('kelurahan_kode', 'in', scopeList(scope));
  const row = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Enrolled, unrevoked phones whose last contact (report, push, or enrollment) is older than 3 days. */
export async function silentPhones(db: Kysely<Database>, now: Date, scope: Scope) {
  let query = db
    .selectFrom('devices')
    .leftJoin('registrations', 'registrations.device_id', 'devices.id')
    .where('devices.token_hash', 'is not', null)
    .where('devices.revoked_at', 'is', null);
  if (scope !== null) query = query.where('devices.kelurahan_kode', 'in', scopeList(scope));
  const rows = await query
    .select((eb) => [
      'devices.id',
      'devices.name',
      'devices.kelurahan_kode',
      'devices.enrolled_at',
      'devices.last_seen_at',
      eb.fn.max('registrations.received_at').as('last_push'),
    ])
    .groupBy([
      'devices.id',
      'devices.name',
      'devices.kelurahan_kode',
      'devices.enrolled_at',
      'devices.last_seen_at',
    ])
    .execute();
  const cutoff = new Date(now.getTime() - SILENT_AFTER_DAYS * DAY_MS).toISOString();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      kelurahanKode: r.kelurahan_kode,
      lastContactAt:
        [r.last_seen_at, r.last_push, r.enrolled_at]
          .filter((t): t is string => !!t)
          .sort()
          .at(-1) ?? null,
    }))
    .filter((d) => d.lastContactAt === null || d.lastContactAt < cutoff)
    .sort((a, b) => (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? ''));
}

export async function readOverview(db: Kysely<Database>, now: Date, scope: Scope) {
  const [coverage, perDay, waiting, silent] = await Promise.all([
    readCoverage(db, scope),
    registrationsPerDay(db, now, 90, scope),
    waitingForReview(db, scope),
    silentPhones(db, now, scope),
  ]);
  return {
    coverage,
    perDay,
    waitingForReview: waiting,
    silentPhones: silent,
    silentAfterDays: SILENT_AFTER_DAYS,
  };
}
