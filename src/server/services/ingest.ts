/**
 * Push ingestion: decides the outcome of every record in a batch and writes the accepted ones.
 *
 * Invariants:
 * - Idempotent on (id, version): a pair seen before answers `unchanged` with the stored status and
 *   writes nothing, so a phone may resend any batch whose answer it lost.
 * - One transaction per batch: when it commits every `accepted` record is on disk; if it fails the
 *   phone gets an error and nothing was acknowledged.
 * - Records are judged in order, each as if alone after the ones before it (a repeated id or NIK in one
 *   batch included): an invalid, stale or duplicate record gets its own answer and never stops the others.
 * - A NIK belongs to one record. A second record with the same NIK learns only the kelurahan and the
 *   registration date of the first, no other personal data.
 * - Concurrent pushes answer as if they had come one after the other (see `ingestBatch`).
 * - Nothing a phone sends reaches SQL unchecked: ids are looked up only when they are record ids, and
 *   only validated records are written. A value the database still refuses is its record's answer
 *   (`invalid`, `record_unstorable`), never a 500 for the batch, so a phone's queue cannot jam on it.
 *
 * Cost: a batch is a handful of statements whatever its size — the stored rows its ids and NIKs touch
 * are read with one `in (…)` query each, the records are judged in memory (`ingest-plan.ts`), and the
 * new rows are written with one multi-row insert (`ingest-store.ts`), after one lock statement on
 * PostgreSQL. There every statement is a network round trip, so this matters more than the SQL itself.
 */
import { sql, type Transaction } from 'kysely';
import { isRecordDataError, isWriteConflict, lockIngest, type Engine, type RegistryDb } from '../db/connect';
import type { Database } from '../db/schema';
import type { Registration } from '../../shared/registration';
import type { ValidationResult } from '../../shared/issues';
import type { PushResult } from '../../shared/sync-protocol';
import { validateRegistration, type ValidationContext } from '../../shared/validation';
import { isAnsweredByStored, keyOf, planBatch } from './ingest-plan';
import {
  countProbes,
  selectAttemptedVersions,
  selectCoveredByNiks,
  selectErasedIds,
  selectKnownByIds,
  selectKnownByNiks,
  writePlan,
} from './ingest-store';

export interface IngestContext {
  deviceId: string;
  /**
   * The kelurahan the phone was enrolled for (null: any): a record for another one is kept but flagged,
   * and only a duplicate inside it is answered with where and when.
   */
  deviceKelurahanKode?: string | null;
  /** ISO time of the push, from the server's clock. */
  now: string;
  /** The phone's clock − the registry's in seconds, as the phone sent it; stored on accepted versions. */
  clockOffsetS?: number | null;
  validation: ValidationContext;
  /** Probes a device may make in an hour before new NIKs are held (shared/nik-probing.ts); none: no limit. */
  probesPerHour?: number;
  /** Told when the database refused a record the schema accepted (a gap in the schema worth fixing). */
  onUnstorable?: (index: number, error: unknown) => void;
  /** Set by ingestBatch: the writes lock what they may move in the order the engine needs. */
  engine?: Engine;
}

const hourBefore = (iso: string) => new Date(Date.parse(iso) - 3_600_000).toISOString();

async function ingestInTransaction(
  trx: Transaction<Database>,
  records: readonly unknown[],
  ctx: IngestContext,
): Promise<PushResult[]> {
  const keys = records.map(keyOf);
  const byId = await selectKnownByIds(
    trx,
    keys.map((k) => k.id),
  );
  const storedById = new Map(byId.map((row) => [row.id, row]));
  const ids = keys.map((k) => k.id);
  const erased = await selectErasedIds(trx, ids);
  // Validation is pure, so it can run before the in-order pass; a record the stored version already
  // answers (`unchanged`, `stale`: a resent batch) is not validated, as one-by-one judging would not.
  const checks: (ValidationResult<Registration> | undefined)[] = records.map((record, i) =>
    isAnsweredByStored(keys[i]!, storedById.get(keys[i]!.id))
      ? undefined
      : validateRegistration(record, ctx.validation),
  );
  const niks = checks.flatMap((c) => (c?.ok ? [c.value.nik] : []));
  const byNik = niks.length > 0 ? await selectKnownByNiks(trx, niks) : [];
  const covered = niks.length > 0 ? await selectCoveredByNiks(trx, niks) : new Map();
  // Only a batch that can meet a duplicate (a NIK held, covered, or twice in the batch) reads which of
  // its versions were answered duplicate_nik before: a batch of new people skips the query.
  const canMeetDuplicate = byNik.length > 0 || covered.size > 0 || new Set(niks).size < niks.length;
  const attempted = canMeetDuplicate ? await selectAttemptedVersions(trx, ids) : undefined;
  const validate = (i: number) => (checks[i] ??= validateRegistration(records[i], ctx.validation));
  const probesLeft =
    ctx.probesPerHour === undefined
      ? undefined
      : ctx.probesPerHour - (await countProbes(trx, ctx.deviceId, hourBefore(ctx.now)));
  const plan = planBatch(
    { records, keys, validate, known: [...byId, ...byNik], covered, erased, attempted },
    { ...ctx, probesLeft },
  );
  await writePlan(trx, plan, ctx.now, ctx.engine ?? 'sqlite');
  return plan.results;
}

/**
 * The batch judged record by record, each in a savepoint, in one transaction: the same answers and rows
 * as the batch (that is its invariant), except that a record the database refuses is rolled back alone
 * and answered `invalid` — as if validation had refused it — instead of failing the batch with a 500.
 */
async function ingestRecordByRecord(
  trx: Transaction<Database>,
  records: readonly unknown[],
  ctx: IngestContext,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const [index, record] of records.entries()) {
    await sql`savepoint ingest_record`.execute(trx);
    try {
      results.push(...(await ingestInTransaction(trx, [record], ctx)));
      await sql`release savepoint ingest_record`.execute(trx);
    } catch (error) {
      if (!isRecordDataError(error)) throw error;
      await sql`rollback to savepoint ingest_record`.execute(trx);
      ctx.onUnstorable?.(index, error);
      const errors = [{ field: '', code: 'record_unstorable' as const }];
      results.push({ ...keyOf(record), outcome: 'invalid', errors });
    }
  }
  return results;
}

const MAX_ATTEMPTS = 3;

/**
 * Ingests a batch in one transaction. If a concurrent batch wrote the same id or NIK first (a unique
 * violation on PostgreSQL, or a deadlock between the two, or a row edited since it was read), the whole
 * batch runs again, alone (`lockIngest`): it sees the winner's commit and answers `unchanged`,
 * `duplicate_nik` or `stale`, exactly as if the batches had come one after the other, and no other push
 * can race it, so it cannot lose again. If the database refuses a value, the batch is judged again record
 * by record so that only the culprit is refused.
 */
export async function ingestBatch(
  store: Pick<RegistryDb, 'db' | 'engine'>,
  records: readonly unknown[],
  ctx: IngestContext,
): Promise<PushResult[]> {
  const run = (alone: boolean, ingest: typeof ingestInTransaction) =>
    store.db.transaction().execute(async (trx) => {
      await lockIngest(trx, store.engine, alone);
      return ingest(trx, records, { ...ctx, engine: store.engine });
    });
  let ingest = ingestInTransaction;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt > 1, ingest);
    } catch (error) {
      // A refused value switches to record by record once; that run may still meet a conflict (an
      // officer's status change in between), which is retried like any other.
      if (isRecordDataError(error) && ingest !== ingestRecordByRecord) ingest = ingestRecordByRecord;
      else if (!isWriteConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
