/**
 * The database side of a push batch: read the rows it can touch in a few queries, write its plan.
 * Every statement is cut into chunks so its bound parameters stay far below either engine's limit
 * (SQLite 32,766, PostgreSQL 65,535) whatever the batch size.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { compiledInsert } from '../db/bulk-insert';
import { WriteConflict, type Engine } from '../db/connect';
import type { Database } from '../db/schema';
import { recordDuplicateAttempts } from './duplicates';
import { PROBE_ACTIONS } from '../../shared/nik-probing';
import { isRecordId } from '../../shared/registration';
import {
  KNOWN_COLUMNS,
  type CoveredNik,
  type IngestPlan,
  type KnownRow,
  type RegistrationUpdate,
} from './ingest-plan';

/** Bound parameters per statement: safe on both engines, and large enough for one batch of 100 rows. */
export const MAX_PARAMS_PER_STATEMENT = 8_000;

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

async function selectKnown(
  trx: Transaction<Database>,
  column: 'id' | 'nik',
  values: readonly string[],
): Promise<KnownRow[]> {
  const rows: KnownRow[] = [];
  for (const chunk of chunksOf([...new Set(values)], MAX_PARAMS_PER_STATEMENT)) {
    rows.push(
      ...(await trx.selectFrom('registrations').select(KNOWN_COLUMNS).where(column, 'in', chunk).execute()),
    );
  }
  return rows;
}

/**
 * The stored rows with these ids. Only record ids (UUIDs) are looked up: no other id can be stored, and
 * whatever else a phone sent (a NUL, which PostgreSQL refuses in text, 20,000 characters) stays out of SQL.
 */
export function selectKnownByIds(trx: Transaction<Database>, ids: readonly string[]): Promise<KnownRow[]> {
  return selectKnown(trx, 'id', ids.filter(isRecordId));
}

export function selectKnownByNiks(trx: Transaction<Database>, niks: readonly string[]): Promise<KnownRow[]> {
  return selectKnown(trx, 'nik', niks);
}

async function updateRegistration(trx: Transaction<Database>, update: RegistrationUpdate, now: string) {
  const { id, ...changes } = update.row;
  const statusReset = update.isResubmission
    ? { status: 'received' as const, status_reason: null, status_changed_at: now }
    : {};
  // Only if the row is still what the batch judged: another push may have edited it since the read (on
  // PostgreSQL a concurrent one commits in between). Then the whole batch runs again and sees that edit.
  const result = await trx
    .updateTable('registrations')
    .set({ ...changes, ...statusReset })
    .where('id', '=', id)
    .where('version', '=', update.judged.version)
    .where('status', '=', update.judged.status)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new WriteConflict(`registration ${id} changed`);
}

/**
 * Rows of one shape (BatchState builds every row of a table from one literal, so the first row's keys
 * are every row's) in compiled multi-row inserts, chunked below the parameter limit.
 */
async function insertRowsOfOneShape<Table extends 'registrations' | 'registration_versions'>(
  trx: Transaction<Database>,
  engine: Engine,
  table: Table,
  rows: readonly Insertable<Database[Table]>[],
  tail = '',
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof Insertable<Database[Table]> & string)[];
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
  for (const chunk of chunksOf(rows, rowsPerStatement)) {
    await trx.executeQuery(compiledInsert(engine, table, columns, chunk, tail));
  }
}

/**
 * The kelurahan count rows the batch's writes may move (each row's trigger, migration 0010), locked in
 * kelurahan order before any write. The inserts come in that order already (ingest-plan.ts); updates go
 * in record order, and an edit that resubmits a rejected record or moves it between kelurahan takes
 * its count rows when its statement ends — without this, out of the order the inserts keep, so two
 * pushes could deadlock on them (PostgreSQL: a 1 s wait, then a retry that runs alone). A count row not
 * there yet is not locked: only a kelurahan's very first registration lacks one.
 */
async function lockKelurahanCounts(trx: Transaction<Database>, plan: IngestPlan): Promise<void> {
  const codes = new Set(plan.inserts.map((row) => row.kelurahan_kode));
  for (const { row, judged } of plan.updates) codes.add(row.kelurahan_kode).add(judged.kelurahan_kode);
  await trx
    .selectFrom('kelurahan_counts')
    .select('kelurahan_kode')
    .where('kelurahan_kode', 'in', [...codes])
    .orderBy('kelurahan_kode')
    .forUpdate()
    .execute();
}

/**
 * Updates first, one statement each and in record order (edits are rare; applied in turn they never
 * hold a NIK twice, since the records were judged in that order), then the new rows, which hold NIKs
 * that are free once every update is done.
 */
export async function writePlan(
  trx: Transaction<Database>,
  plan: IngestPlan,
  now: string,
  engine: Engine,
): Promise<void> {
  if (engine === 'postgres' && plan.updates.length > 0) await lockKelurahanCounts(trx, plan);
  for (const update of plan.updates) await updateRegistration(trx, update, now);
  await insertRowsOfOneShape(trx, engine, 'registrations', plan.inserts);
  // The version history; a version already there (a concurrent identical push) is kept once.
  const keepFirst = ' on conflict ("registration_id", "version") do nothing';
  await insertRowsOfOneShape(trx, engine, 'registration_versions', plan.versions, keepFirst);
  await recordDuplicateAttempts(trx, now, plan.duplicates);
  await insertAudits(trx, now, plan.audits);
}

/** The batch's audit rows (duplicate answers, NIK changes, held records) in one statement per chunk. */
async function insertAudits(trx: Transaction<Database>, now: string, entries: IngestPlan['audits']) {
  const rows = entries.map((e) => ({
    at: now,
    actor: e.actor,
    action: e.action,
    target: e.target,
    detail: JSON.stringify(e.detail ?? {}),
  }));
  for (const chunk of chunksOf(rows, Math.floor(MAX_PARAMS_PER_STATEMENT / 5))) {
    await trx.insertInto('audit_log').values(chunk).execute();
  }
}

/**
 * How many probes (shared/nik-probing.ts) the device made since `since`: its duplicate answers and NIK
 * changes in the audit log, read through the `(actor, action, at)` index.
 */
export async function countProbes(trx: Kysely<Database>, deviceId: string, since: string): Promise<number> {
  const row = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('actor', '=', `device:${deviceId}`)
    .where('action', 'in', PROBE_ACTIONS)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The already covered (imported from BPJS) among these NIKs. */
export async function selectCoveredByNiks(trx: Transaction<Database>, niks: readonly string[]) {
  const rows: CoveredNik[] = [];
  for (const chunk of chunksOf([...new Set(niks)], MAX_PARAMS_PER_STATEMENT)) {
    rows.push(
      ...(await trx
        .selectFrom('covered_people')
        .select(['nik', 'kelurahan_kode', 'imported_at'])
        .where('nik', 'in', chunk)
        .execute()),
    );
  }
  return new Map(rows.map((r) => [r.nik, r]));
}

/**
 * The batch's versions already answered `duplicate_nik` (kept in `duplicate_attempts`), as "id@version":
 * the same answer again tells the phone nothing new, so it is not counted as a probe.
 */
export async function selectAttemptedVersions(trx: Transaction<Database>, ids: readonly string[]) {
  const attempted = new Set<string>();
  for (const chunk of chunksOf([...new Set(ids.filter(isRecordId))], MAX_PARAMS_PER_STATEMENT)) {
    const rows = await trx
      .selectFrom('duplicate_attempts')
      .select(['record_id', 'version'])
      .where('record_id', 'in', chunk)
      .execute();
    for (const row of rows) attempted.add(`${row.record_id}@${row.version}`);
  }
  return attempted;
}

/** The erased (services/erasure.ts) among these ids; only record ids are looked up, as above. */
export async function selectErasedIds(trx: Transaction<Database>, ids: readonly string[]) {
  const erased = new Set<string>();
  for (const chunk of chunksOf([...new Set(ids.filter(isRecordId))], MAX_PARAMS_PER_STATEMENT)) {
    const rows = await trx
      .selectFrom('erasures')
      .select('record_id')
      .where('record_id', 'in', chunk)
      .execute();
    for (const row of rows) erased.add(row.record_id);
  }
  return erased;
}
