/**
 * The CSV export for a BPJS Ketenagakerjaan collective registration: one row per person, the columns
 * the collective form asks for, Indonesian labels. Streams in pages so a city-wide export never sits
 * in memory at once. Rejected registrations are left out.
 */
import type { Kysely } from 'kysely';
import { csvRow, UTF8_BOM } from '../csv';
import type { Database, RegistrationRow } from '../db/schema';
import { HEIR_RELATIONSHIPS, occupationLabel } from '../../shared/occupations';
import { findKelurahan, kecamatanOfKelurahan } from '../../shared/reference';

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
  'Tanggal Daftar',
  'Status',
] as const;

const STATUS_LABELS: Record<RegistrationRow['status'], string> = {
  received: 'Diterima',
  verified: 'Terverifikasi',
  active: 'Aktif',
  rejected: 'Ditolak',
};
const PROGRAMME_LABELS: Record<string, string> = { JKK_JKM: 'JKK, JKM', JKK_JKM_JHT: 'JKK, JKM, JHT' };

/** "+6281234567890" → "081234567890", the way Indonesian forms write phone numbers. */
function nationalPhone(phone: string | null): string {
  return phone ? phone.replace(/^\+62/, '0') : '';
}

function relationshipLabel(code: string): string {
  return HEIR_RELATIONSHIPS.find((r) => r.code === code)?.id ?? code;
}

export function exportRow(r: RegistrationRow): string {
  return csvRow([
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
    r.created_at.slice(0, 10),
    STATUS_LABELS[r.status],
  ]);
}

const PAGE = 500;

/** The kelurahan an export covers: null for the whole city, else only these (possibly none). */
export type ExportScope = readonly string[] | null;

function exportedRows(db: Kysely<Database>, scope: ExportScope) {
  let query = db.selectFrom('registrations').where('status', '!=', 'rejected');
  if (scope !== null) query = query.where('kelurahan_kode', 'in', scope.length > 0 ? [...scope] : ['']);
  return query;
}

/** How many rows an export of this scope holds (for the audit log). */
export async function countExportRows(db: Kysely<Database>, scope: ExportScope): Promise<number> {
  const row = await exportedRows(db, scope)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** BOM and header first, then rows ordered by kelurahan and name, paged by keyset. */
export async function* exportCsv(db: Kysely<Database>, scope: ExportScope): AsyncGenerator<string> {
  yield UTF8_BOM + csvRow(EXPORT_COLUMNS);
  let after: { kelurahan: string; name: string; id: string } | undefined;
  for (;;) {
    let query = exportedRows(db, scope).selectAll();
    if (after) {
      const a = after;
      query = query.where((eb) =>
        eb(eb.refTuple('kelurahan_kode', 'full_name', 'id'), '>', eb.tuple(a.kelurahan, a.name, a.id)),
      );
    }
    const rows = await query
      .orderBy('kelurahan_kode')
      .orderBy('full_name')
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length > 0) yield rows.map(exportRow).join('');
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { kelurahan: last.kelurahan_kode, name: last.full_name, id: last.id };
  }
}
