/**
 * Peserta lama: the people the city already covers at BPJS, imported from a BPJS list (NIK, name,
 * kelurahan) so coverage starts at the city's real figure. An import is all or nothing: every row is
 * checked first, and if any is wrong nothing is written and each bad row comes back with its reason.
 * A NIK already imported, or already registered through Jaring, is skipped (and listed), so importing
 * next month's list again adds only the new people.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockIngest, type RegistryDb } from '../db/connect';
import { isoDateOf } from '../../shared/dates';
import { issueMessage } from '../../shared/messages';
import { normalizeNikInput, parseNik } from '../../shared/nik';
import { hasVisibleCharacter, isPlainText } from '../../shared/plain-text';
import { findKelurahan, KELURAHAN } from '../../shared/reference';
import { foldForSearch } from '../../shared/text';
import type { Database } from '../db/schema';
import { writeAudit } from './audit';
import { chunksOf, MAX_PARAMS_PER_STATEMENT } from './ingest-store';

export const MAX_IMPORT_ROWS = 100_000;

export interface CoveredRowInput {
  nik: string;
  fullName: string;
  /** A kelurahan code, or its name as BPJS writes it ("Blimbing", "KEL. BLIMBING"). */
  kelurahan: string;
}

export interface RowNote {
  /** 1-based row number in the file's data (after the header). */
  row: number;
  nik: string;
  reason: string;
}

export interface ImportReport {
  valid: number;
  errors: RowNote[];
  skipped: RowNote[];
  imported: number;
  batchId?: string;
}

const byFoldedName = new Map(
  KELURAHAN.flatMap((k) => [k.nama, ...k.aliases].map((name) => [foldForSearch(name), k.kode] as const)),
);

/** A kelurahan code from what a BPJS list writes: the code itself, or its name with or without "Kel.". */
export function resolveKelurahan(text: string): string | undefined {
  const trimmed = text.trim();
  if (findKelurahan(trimmed.replace(/\D/g, ''))) return trimmed.replace(/\D/g, '');
  return byFoldedName.get(foldForSearch(trimmed.replace(/^(kel(urahan)?\.?|desa)\s+/i, '')));
}

interface CheckedRow {
  nik: string;
  fullName: string;
  kelurahanKode: string;
}

function checkRow(input: CoveredRowInput, today: string): CheckedRow | string {
  const nik = normalizeNikInput(String(input.nik ?? '').replace(/^'/, ''));
  const parsed = parseNik(nik, today);
  if (!parsed.ok) return issueMessage(parsed.code);
  const fullName = String(input.fullName ?? '').trim();
  if (!fullName || fullName.length > 100 || !isPlainText(fullName) || !hasVisibleCharacter(fullName))
    return 'Nama kosong, terlalu panjang (maks. 100) atau berisi karakter yang tidak sah.';
  const kelurahanKode = resolveKelurahan(String(input.kelurahan ?? ''));
  if (!kelurahanKode)
    return `Kelurahan "${String(input.kelurahan ?? '').slice(0, 40)}" tidak dikenal di Kota Malang.`;
  return { nik, fullName, kelurahanKode };
}

async function existingNiks(db: Kysely<Database>, niks: string[]) {
  const covered = new Set<string>();
  const registered = new Set<string>();
  for (const chunk of chunksOf(niks, MAX_PARAMS_PER_STATEMENT)) {
    for (const r of await db.selectFrom('covered_people').select('nik').where('nik', 'in', chunk).execute())
      covered.add(r.nik);
    for (const r of await db.selectFrom('registrations').select('nik').where('nik', 'in', chunk).execute())
      registered.add(r.nik);
  }
  return { covered, registered };
}

/** Checks every row; the rows to write, and the report. Writes nothing. */
export async function planImport(db: Kysely<Database>, rows: readonly CoveredRowInput[], now: Date) {
  const today = isoDateOf(now);
  const errors: RowNote[] = [];
  const firstRowOf = new Map<string, number>();
  const checked: Array<CheckedRow & { row: number }> = [];
  rows.forEach((input, i) => {
    const result = checkRow(input, today);
    const nik = typeof result === 'string' ? String(input.nik ?? '').slice(0, 20) : result.nik;
    if (typeof result === 'string') return errors.push({ row: i + 1, nik, reason: result });
    const earlier = firstRowOf.get(nik);
    if (earlier)
      return errors.push({
        row: i + 1,
        nik,
        reason: `NIK ganda di berkas ini (sama dengan baris ${earlier}).`,
      });
    firstRowOf.set(nik, i + 1);
    checked.push({ ...result, row: i + 1 });
  });
  const { covered, registered } = await existingNiks(
    db,
    checked.map((r) => r.nik),
  );
  const skipped: RowNote[] = [];
  const toWrite = checked.filter((r) => {
    const reason = covered.has(r.nik)
      ? 'Sudah diimpor sebelumnya.'
      : registered.has(r.nik)
        ? 'Sudah terdaftar lewat Jaring.'
        : undefined;
    if (reason) skipped.push({ row: r.row, nik: r.nik, reason });
    return !reason;
  });
  return { toWrite, report: { valid: checked.length, errors, skipped, imported: 0 } satisfies ImportReport };
}

/**
 * Imports the rows in one transaction when every row is valid; otherwise writes nothing. The plan (which
 * NIKs are already imported or registered) is made inside that transaction, and on PostgreSQL under the
 * ingest lock taken exclusively, so nothing can take a NIK between the plan and the write: a second
 * import of the same file, sent at the same time, waits and then skips every row (imported 0); a push
 * racing the import either lands first (its person is skipped here) or waits and is told `duplicate_nik`
 * with `alreadyCovered`. So a person is never counted twice. SQLite runs one transaction at a time.
 */
export async function importCovered(
  store: Pick<RegistryDb, 'db' | 'engine'>,
  now: Date,
  actor: string,
  input: { fileName: string; rows: readonly CoveredRowInput[]; dryRun: boolean },
): Promise<ImportReport> {
  if (input.dryRun) return (await planImport(store.db, input.rows, now)).report;
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    await lockIngest(trx, store.engine, true);
    const { toWrite, report } = await planImport(trx, input.rows, now);
    if (report.errors.length > 0 || toWrite.length === 0) return report;
    const batchId = randomUUID();
    await trx
      .insertInto('import_batches')
      .values({ id: batchId, actor, file_name: input.fileName, rows: toWrite.length, imported_at: at })
      .execute();
    for (const chunk of chunksOf(toWrite, Math.floor(MAX_PARAMS_PER_STATEMENT / 5))) {
      await trx
        .insertInto('covered_people')
        .values(
          chunk.map((r) => ({
            nik: r.nik,
            full_name: r.fullName,
            kelurahan_kode: r.kelurahanKode,
            batch_id: batchId,
            imported_at: at,
          })),
        )
        .execute();
    }
    const detail = { fileName: input.fileName, rows: toWrite.length, skipped: report.skipped.length };
    await writeAudit(trx, at, { actor, action: 'covered.import', target: batchId, detail });
    return { ...report, imported: toWrite.length, batchId };
  });
}

export async function coveredSummary(db: Kysely<Database>) {
  const total = await db
    .selectFrom('covered_people')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const batches = await db
    .selectFrom('import_batches')
    .selectAll()
    .orderBy('imported_at', 'desc')
    .limit(50)
    .execute();
  return {
    total: Number(total.n),
    batches: batches.map((b) => ({
      id: b.id,
      actor: b.actor,
      fileName: b.file_name,
      rows: b.rows,
      importedAt: b.imported_at,
    })),
  };
}
