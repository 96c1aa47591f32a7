/**
 * Push ingestion: decides the outcome of every record in a batch and writes the accepted ones.
 *
 * Invariants:
 * - Idempotent on (id, version): a pair seen before answers `unchanged` with the stored status and
 *   writes nothing, so a phone may resend any batch whose answer it lost.
 * - One transaction per batch: when it commits every `accepted` record is on disk; if it fails the
 *   phone gets an error and nothing was acknowledged.
 * - Records are judged one by one inside the transaction: an invalid, stale or duplicate record gets
 *   its own answer and never stops the others.
 * - A NIK belongs to one record. A second record with the same NIK learns only the kelurahan and the
 *   registration date of the first, no other personal data.
 */
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../db/connect';
import type { Database } from '../db/schema';
import type { Registration } from '../../shared/registration';
import type { PushResult } from '../../shared/sync-protocol';
import { validateRegistration, type ValidationContext } from '../../shared/validation';
import { toRegistrationRow } from './registration-row';

export interface IngestContext {
  deviceId: string;
  /** ISO time of the push, from the server's clock. */
  now: string;
  validation: ValidationContext;
}

/** Best-effort (id, version) of a record that may not even be an object, for its answer. */
function keyOf(record: unknown): { id: string; version: number } {
  const r = (typeof record === 'object' && record !== null ? record : {}) as {
    id?: unknown;
    version?: unknown;
  };
  return {
    id: typeof r.id === 'string' ? r.id : '',
    version: typeof r.version === 'number' && Number.isInteger(r.version) ? r.version : 0,
  };
}

async function findStored(trx: Transaction<Database>, id: string) {
  if (!id) return undefined;
  return trx
    .selectFrom('registrations')
    .select(['id', 'version', 'device_id', 'status', 'status_reason'])
    .where('id', '=', id)
    .executeTakeFirst();
}

async function findNikHolder(trx: Transaction<Database>, nik: string, exceptId: string) {
  return trx
    .selectFrom('registrations')
    .select(['kelurahan_kode', 'created_at'])
    .where('nik', '=', nik)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

async function writeRecord(
  trx: Transaction<Database>,
  record: Registration,
  ctx: IngestContext,
  isUpdate: boolean,
  previousStatus: Database['registrations']['status'] | undefined,
): Promise<PushResult> {
  const row = toRegistrationRow(record, ctx.deviceId, ctx.now);
  // An edit of a rejected record is a correction: it goes back to the queue for review.
  const isResubmission = previousStatus === 'rejected';
  const status = isUpdate && !isResubmission ? previousStatus! : 'received';
  if (isUpdate) {
    const { id, ...changes } = row;
    const statusReset = isResubmission ? { status, status_reason: null, status_changed_at: ctx.now } : {};
    await trx
      .updateTable('registrations')
      .set({ ...changes, ...statusReset })
      .where('id', '=', id)
      .execute();
  } else {
    await trx
      .insertInto('registrations')
      .values({ ...row, received_at: ctx.now, status, status_reason: null, status_changed_at: ctx.now })
      .execute();
  }
  return { id: record.id, version: record.version, outcome: 'accepted', serverStatus: status };
}

async function ingestOne(
  trx: Transaction<Database>,
  input: unknown,
  ctx: IngestContext,
): Promise<PushResult> {
  const key = keyOf(input);
  const stored = await findStored(trx, key.id);
  if (stored && key.version === stored.version) {
    return { ...key, outcome: 'unchanged', serverStatus: stored.status };
  }
  if (stored && key.version < stored.version) {
    return { ...key, outcome: 'stale', currentVersion: stored.version };
  }
  const checked = validateRegistration(input, ctx.validation);
  if (!checked.ok) return { ...key, outcome: 'invalid', errors: checked.errors };
  // Record ids are random UUIDs known only to the phone that made them; another device may not edit one.
  if (stored && stored.device_id !== ctx.deviceId) {
    return { ...key, outcome: 'invalid', errors: [{ field: 'id', code: 'id_invalid' }] };
  }
  const holder = await findNikHolder(trx, checked.value.nik, checked.value.id);
  if (holder) {
    const duplicate = { kelurahanKode: holder.kelurahan_kode, registeredAt: holder.created_at };
    return { ...key, outcome: 'duplicate_nik', duplicate };
  }
  return writeRecord(trx, checked.value, ctx, stored !== undefined, stored?.status);
}

const MAX_ATTEMPTS = 3;

/**
 * Ingests a batch in one transaction. If a concurrent batch wrote the same id or NIK first (a unique
 * violation on PostgreSQL), the whole batch is retried: the second run sees the committed row and
 * answers `unchanged` or `duplicate_nik`, exactly as if the batches had come one after the other.
 */
export async function ingestBatch(
  db: Kysely<Database>,
  records: unknown[],
  ctx: IngestContext,
): Promise<PushResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const results: PushResult[] = [];
        for (const record of records) results.push(await ingestOne(trx, record, ctx));
        return results;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
