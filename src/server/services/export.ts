/**
 * The export for a BPJS Ketenagakerjaan collective registration: one row per person, the columns the
 * collective form asks for, Indonesian labels. The same rows feed the CSV (here) and the XLSX
 * (export-xlsx.ts). Rows are read in keyset pages so a city-wide export never sits in memory at once.
 * Voided registrations are never exported; rejected ones only when asked for by status.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { wibDate } from '../clock';
import { csvRow, UTF8_BOM } from '../csv';
import type { Database, RegistrationRow } from '../db/schema';
import { wibDayStartUtc } from './registrations';
import { HEIR_RELATIONSHIPS, occupationLabel } from '../../shared/occupations';
import { findKelurahan, kecamatanOfKelurahan } from '../../shared/reference';
import type { ServerStatus } from '../../shared/sync-protocol';

export const EXPORT_COLUMNS = [
  'NIK',
  'Nama Lengkap',
  'Tempat Lahir',
  'Tanggal Lahir',
  'Jenis Kelamin',
  'Alamat',
  'RT',
  'RW',
  'Kelurahan',
  'Kecamatan',
  'No HP',
  'Pekerjaan',
  'Penghasilan per Bulan',
  'Program',
  'Sumber Dana',
  'Nama Ahli Waris',
  'Hubungan Ahli Waris',
  'HP Ahli Waris',
  'Tanggal Terdaftar',
  'Status',
] as const;

const STATUS_LABELS: Record<RegistrationRow['status'], string> = {
  received: 'Diterima',
  verified: 'Terverifikasi',
  active: 'Aktif',
  rejected: 'Ditolak',
};
const PROGRAMME_LABELS: Record<string, string> = { JKK_JKM: 'JKK, JKM', JKK_JKM_JHT: 'JKK, JKM, JHT' };

/** What an export holds when no status is asked for: everyone but the rejected. */
export const DEFAULT_EXPORT_STATUSES: readonly ServerStatus[] = ['received', 'verified', 'active'];

export interface ExportFilter {
  /** null: the whole city; otherwise only these kelurahan (an empty list exports nothing). */
  kelurahan: readonly string[] | null;
  /** Which statuses; empty means DEFAULT_EXPORT_STATUSES. */
  statuses: readonly ServerStatus[];
  /**
   * Registered on or after / up to the end of these WIB days, YYYY-MM-DD: the registry's receipt of the
   * record is the official registration date (the phone's createdAt is only what its clock said).
   */
  from?: string;
  to?: string;
}

/** "+6281234567890" → "081234567890", the way Indonesian forms write phone numbers. */
function nationalPhone(phone: string | null): string {
  return phone ? phone.replace(/^\+62/, '0') : '';
}

function relationshipLabel(code: string): string {
  return HEIR_RELATIONSHIPS.find((r) => r.code === code)?.id ?? code;
}

/** One person's cells in EXPORT_COLUMNS order: text, except the income (a number). */
export function exportValues(r: ExportedRow): (string | number)[] {
  return [
    r.nik,
    r.full_name,
    r.birth_place,
    r.birth_date,
    r.gender === 'L' ? 'Laki-laki' : 'Perempuan',
    r.street,
    r.rt,
    r.rw,
    findKelurahan(r.kelurahan_kode)?.nama ?? r.kelurahan_kode,
    kecamatanOfKelurahan(r.kelurahan_kode)?.nama ?? r.kecamatan_kode,
    nationalPhone(r.phone),
    r.occupation === 'lainnya' && r.occupation_other ? r.occupation_other : occupationLabel(r.occupation),
    r.monthly_income,
    PROGRAMME_LABELS[r.programme] ?? r.programme,
    r.funding === 'APBD' ? 'APBD' : 'Mandiri',
    r.heir_name,
    relationshipLabel(r.heir_relationship),
    nationalPhone(r.heir_phone),
    // Tanggal Terdaftar: the day the registry received it, in WIB, the same calendar the from/to filter
    // reads (01:00 WIB is not the UTC day before).
    wibDate(new Date(r.received_at)),
    STATUS_LABELS[r.status],
  ];
}

export function exportRow(r: ExportedRow): string {
  return csvRow(exportValues(r));
}

/** Rows per keyset page: a page is one query, and the most a stream holds ahead of its reader. */
export const EXPORT_PAGE_ROWS = 1_000;

/**
 * The columns the export reads: not the stored JSON (half of a row's bytes) nor the search words, nor
 * the phone's createdAt (the registry's receipt is the registration date; each timestamp costs a parse).
 */
const EXPORTED_COLUMNS = [
  'id',
  'nik',
  'full_name',
  'birth_place',
  'birth_date',
  'gender',
  'street',
  'rt',
  'rw',
  'kelurahan_kode',
  'kecamatan_kode',
  'phone',
  'occupation',
  'occupation_other',
  'monthly_income',
  'programme',
  'funding',
  'heir_name',
  'heir_relationship',
  'heir_phone',
  'received_at',
  'status',
] as const;
export type ExportedRow = Pick<RegistrationRow, (typeof EXPORTED_COLUMNS)[number]>;

function exportedRows(db: Kysely<Database>, filter: ExportFilter) {
  let query = db
    .selectFrom('registrations')
    .where('voided_at', 'is', null)
    .where('status', 'in', [...(filter.statuses.length > 0 ? filter.statuses : DEFAULT_EXPORT_STATUSES)]);
  const { kelurahan } = filter;
  if (kelurahan !== null)
    query = query.where('kelurahan_kode', 'in', kelurahan.length > 0 ? [...kelurahan] : ['']);
  if (filter.from) query = query.where('received_at', '>=', wibDayStartUtc(filter.from, 0));
  if (filter.to) query = query.where('received_at', '<', wibDayStartUtc(filter.to, 1));
  return query;
}

/** How many rows an export with this filter holds (for the audit log). */
export async function countExportRows(db: Kysely<Database>, filter: ExportFilter): Promise<number> {
  const row = await exportedRows(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type PageKey = { kelurahan: string; name: string; id: string };

function readExportPage(db: Kysely<Database>, filter: ExportFilter, after: PageKey | undefined) {
  let query = exportedRows(db, filter).select(EXPORTED_COLUMNS);
  if (after)
    query = query.where((eb) =>
      eb(
        eb.refTuple('kelurahan_kode', 'full_name', 'id'),
        '>',
        eb.tuple(after.kelurahan, after.name, after.id),
      ),
    );
  return query.orderBy('kelurahan_kode').orderBy('full_name').orderBy('id').limit(EXPORT_PAGE_ROWS).execute();
}

/**
 * The exported rows ordered by kelurahan and name, a page at a time (keyset, so page 200 costs as page 1).
 * The next page's query is sent as soon as a full page is in, before that page is handed over, so the
 * database reads page n+1 while the caller turns page n into CSV or XLSX: at most one page is held ahead.
 */
export async function* exportPages(
  db: Kysely<Database>,
  filter: ExportFilter,
): AsyncGenerator<ExportedRow[]> {
  let pending = readExportPage(db, filter, undefined);
  for (;;) {
    const rows = await pending;
    if (rows.length < EXPORT_PAGE_ROWS) {
      if (rows.length > 0) yield rows;
      return;
    }
    const last = rows[rows.length - 1]!;
    pending = readExportPage(db, filter, {
      kelurahan: last.kelurahan_kode,
      name: last.full_name,
      id: last.id,
    });
    // A caller that stops early leaves this read unawaited: its failure must not be an unhandled rejection.
    pending.catch(() => undefined);
    yield rows;
  }
}

/** BOM and header first, then a chunk of rows per page. */
async function* csvChunks(db: Kysely<Database>, filter: ExportFilter): AsyncGenerator<string> {
  yield UTF8_BOM + csvRow(EXPORT_COLUMNS);
  for await (const rows of exportPages(db, filter)) yield rows.map(exportRow).join('');
}

/** The CSV as a stream that reads the next page only when the last one has been taken (not 16 ahead). */
export function exportCsv(db: Kysely<Database>, filter: ExportFilter): Readable {
  return Readable.from(csvChunks(db, filter), { highWaterMark: 1 });
}
