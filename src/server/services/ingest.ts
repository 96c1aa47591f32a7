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
 *
 * Cost: a batch is a handful of statements whatever its size — the stored rows its ids and NIKs touch
 * are read with one `in (…)` query each, the records are judged in memory (`ingest-plan.ts`), and the
 * new rows are written with one multi-row insert (`ingest-store.ts`). On PostgreSQL every statement is a
 * network round trip, so this matters more than the SQL itself.
 */
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../db/connect';
import type { Database } from '../db/schema';
import type { Registration } from '../../shared/registration';
import type { ValidationResult } from '../../shared/issues';
import type { PushResult } from '../../shared/sync-protocol';
import { validateRegistration, type ValidationContext } from '../../shared/validation';
import { isAnsweredByStored, keyOf, planBatch } from './ingest-plan';
import { selectKnownByIds, selectKnownByNiks, writePlan } from './ingest-store';

export interface IngestContext {
  deviceId: string;
  /** ISO time of the push, from the server's clock. */
  now: string;
  validation: ValidationContext;
}

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
  // Validation is pure, so it can run before the in-order pass; a record the stored version already
  // answers (`unchanged`, `stale`: a resent batch) is not validated, as one-by-one judging would not.
  const checks: (ValidationResult<Registration> | undefined)[] = records.map((record, i) =>
    isAnsweredByStored(keys[i]!, storedById.get(keys[i]!.id))
      ? undefined
      : validateRegistration(record, ctx.validation),
  );
  const niks = checks.flatMap((c) => (c?.ok ? [c.value.nik] : []));
  const byNik = niks.length > 0 ? await selectKnownByNiks(trx, niks) : [];
  const validate = (i: number) => (checks[i] ??= validateRegistration(records[i], ctx.validation));
  const plan = planBatch({ records, keys, validate, known: [...byId, ...byNik] }, ctx);
  await writePlan(trx, plan, ctx.now);
  return plan.results;
}

const MAX_ATTEMPTS = 3;

/**
 * Ingests a batch in one transaction. If a concurrent batch wrote the same id or NIK first (a unique
 * violation on PostgreSQL), the whole batch is retried: the second run sees the committed row and
 * answers `unchanged` or `duplicate_nik`, exactly as if the batches had come one after the other.
 */
export async function ingestBatch(
  db: Kysely<Database>,
  records: readonly unknown[],
  ctx: IngestContext,
): Promise<PushResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => ingestInTransaction(trx, records, ctx));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
