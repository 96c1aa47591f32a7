/** Admin reads of registrations: search by name word, NIK prefix, kelurahan and status; one record in full. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ServerStatus } from '../../shared/sync-protocol';
import { idPrefixOfReceiptCode } from '../../shared/receipt';
import { nameSearchWords } from '../../shared/text';

export interface RegistrationQuery {
  q?: string;
  occupation?: string;
  deviceId?: string;
  /** Received on or after / before the end of these WIB days (YYYY-MM-DD). */
  receivedFrom?: string;
  receivedTo?: string;
  /** Only records pushed by a phone enrolled for another kelurahan (flagged at ingest). */
  kelurahanMismatch?: boolean;
  /** "newest" (default) or "oldest" first: the review queue works oldest first. */
  sort?: 'newest' | 'oldest';
  /** null: the whole city; otherwise only these kelurahan (an empty list finds nothing). */
  kelurahan: readonly string[] | null;
  status?: ServerStatus;
  limit: number;
  offset: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'nik',
  'full_name',
  'kelurahan_kode',
  'occupation',
  'funding',
  'device_id',
  'created_at',
  'received_at',
  'version',
  'status',
  'status_reason',
  'mismatched_device_kelurahan',
] as const;

export async function searchRegistrations(db: Kysely<Database>, query: RegistrationQuery) {
  let select = db.selectFrom('registrations');
  const q = query.q?.trim() ?? '';
  const idPrefix = idPrefixOfReceiptCode(q);
  if (/^\d+$/.test(q)) select = select.where('nik', 'like', `${q}%`);
  // The code on the worker's receipt ("8F3A-21C0"): the first eight hex digits of the record's id.
  else if (idPrefix) select = select.where('id', 'like', `${idPrefix.slice(0, 8)}%`);
  else {
    // Every word must start a word of the name: "siti amin" finds "Siti Aminah". Words split as the
    // stored name's were (and as the phone splits them): "siti-aminah" finds "Siti Aminah" too.
    for (const word of nameSearchWords(q)) select = select.where('name_search', 'like', `% ${word}%`);
  }
  if (query.kelurahan !== null) {
    select = select.where('kelurahan_kode', 'in', query.kelurahan.length > 0 ? [...query.kelurahan] : ['']);
  }
  if (query.status) select = select.where('status', '=', query.status);
  if (query.occupation) select = select.where('occupation', '=', query.occupation);
  if (query.deviceId) select = select.where('device_id', '=', query.deviceId);
  if (query.kelurahanMismatch) select = select.where('mismatched_device_kelurahan', 'is not', null);
  if (query.receivedFrom) select = select.where('received_at', '>=', wibDayStartUtc(query.receivedFrom, 0));
  if (query.receivedTo) select = select.where('received_at', '<', wibDayStartUtc(query.receivedTo, 1));
  // A voided record is out of the programme: it shows on the duplicates screen, not in lists.
  select = select.where('voided_at', 'is', null);
  const direction = query.sort === 'oldest' ? 'asc' : 'desc';
  const [rows, total] = await Promise.all([
    select
      .select(SUMMARY_COLUMNS)
      .orderBy('received_at', direction)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    select.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      nik: r.nik,
      fullName: r.full_name,
      kelurahanKode: r.kelurahan_kode,
      occupation: r.occupation,
      funding: r.funding,
      deviceId: r.device_id,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      version: r.version,
      status: r.status,
      statusReason: r.status_reason,
      mismatchedDeviceKelurahan: r.mismatched_device_kelurahan,
    })),
  };
}

/** The UTC instant a WIB day (plus `addDays`) starts: WIB is UTC+7 all year. */
export function wibDayStartUtc(day: string, addDays: number): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + addDays * 86_400_000).toISOString();
}

/** Every accepted version of a record, oldest first (what changed between them is shown by Kantor). */
export async function listVersions(db: Kysely<Database>, id: string) {
  const rows = await db
    .selectFrom('registration_versions')
    .selectAll()
    .where('registration_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    receivedAt: r.received_at,
    deviceId: r.device_id,
    record: JSON.parse(r.data) as unknown,
  }));
}

export async function getRegistration(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('registrations')
    .selectAll()
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    record: JSON.parse(row.data) as unknown,
    kelurahanKode: row.kelurahan_kode,
    deviceId: row.device_id,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    /** The phone's clock − the registry's (s) when this version was pushed; null when not measured. */
    clockOffsetS: row.clock_offset_s === null ? null : Number(row.clock_offset_s),
    /** The pushing phone's kelurahan when it is not the record's: Kantor shows a warning. */
    mismatchedDeviceKelurahan: row.mismatched_device_kelurahan,
  };
}
