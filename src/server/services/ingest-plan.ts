/**
 * The decisions of a push batch, made in memory: given the stored rows the batch can touch (by id and
 * by NIK), it answers every record in order and lists the writes. Pure: no database, no clock.
 *
 * Invariant: the answers and the final rows are exactly those of judging the records one by one
 * against the database, each seeing the writes of the ones before it. So a repeated id or NIK inside
 * one batch is resolved here, in order: the state below is updated after every accepted record.
 */
import type { NewRegistrationRow, RegistrationRow, RegistrationVersionRow } from '../db/schema';
import type { AuditEntry } from './audit';
import type { DuplicateAttempt } from './duplicates';
import { HELD_ACTION } from '../../shared/nik-probing';
import type { Registration } from '../../shared/registration';
import type { PushResult } from '../../shared/sync-protocol';
import type { ValidationResult } from '../../shared/issues';
import { BatchState } from './ingest-batch-state';
import type { toRegistrationRow } from './registration-row';

/** The columns of a stored row that the decisions read. */
export const KNOWN_COLUMNS = [
  'id',
  'nik',
  'full_name',
  'version',
  'device_id',
  'status',
  'kelurahan_kode',
  'received_at',
  'voided_at',
] as const;
export type KnownRow = Pick<RegistrationRow, (typeof KNOWN_COLUMNS)[number]>;

export type RegistrationColumns = ReturnType<typeof toRegistrationRow>;

/** An accepted new version of a stored record: all its columns, and whether it leaves `rejected`. */
export interface RegistrationUpdate {
  row: RegistrationColumns;
  isResubmission: boolean;
  /** The stored version, status and kelurahan it was judged against; the write applies only if the
   * version and status still hold (the kelurahan names the count row it may leave). */
  judged: Pick<KnownRow, 'version' | 'status' | 'kelurahan_kode'>;
}

/** Someone already covered at BPJS (imported), whose NIK no registration may take. */
export interface CoveredNik {
  nik: string;
  kelurahan_kode: string;
  imported_at: string;
}

export interface IngestPlan {
  results: PushResult[];
  /** Every version the batch accepted, for the office's version history. */
  versions: RegistrationVersionRow[];
  /** Every duplicate_nik answer, kept with the phone's data for the office to settle. */
  duplicates: DuplicateAttempt[];
  /** In record order: each one keeps the NIKs unique when applied in turn (as the records were judged). */
  updates: RegistrationUpdate[];
  /** Records new to the registry, each in the last version the batch accepted; in id order. */
  inserts: NewRegistrationRow[];
  /** Duplicate answers, NIK changes and held records, audited as the device's (shared/nik-probing.ts). */
  audits: AuditEntry[];
}

export interface PlanContext {
  deviceId: string;
  /** The kelurahan the pushing phone was enrolled for (null: any); a record for another one is flagged. */
  deviceKelurahanKode?: string | null;
  now: string;
  /** The phone's clock offset at this push (seconds), stored with each accepted version; null if unknown. */
  clockOffsetS?: number | null;
  /** Probes the device may still make this hour; undefined for no limit. */
  probesLeft?: number;
}

export interface RecordKey {
  id: string;
  version: number;
}

/**
 * Best-effort (id, version) of a record that may not even be an object, for its answer. The id is echoed
 * as sent (the phone matches answers by it) but is looked up only if it is a record id; a version that is
 * no safe integer reads as 0, so the answer still parses on the phone (its schema takes integers only).
 */
export function keyOf(record: unknown): RecordKey {
  const r = (typeof record === 'object' && record !== null ? record : {}) as {
    id?: unknown;
    version?: unknown;
  };
  return {
    id: typeof r.id === 'string' ? r.id : '',
    version: typeof r.version === 'number' && Number.isSafeInteger(r.version) ? r.version : 0,
  };
}

/** True when the stored version already answers the record (`unchanged` or `stale`) without validating it. */
export function isAnsweredByStored(key: RecordKey, stored: KnownRow | undefined): boolean {
  return stored !== undefined && key.version <= stored.version;
}

export interface PlanInput {
  records: readonly unknown[];
  keys: readonly RecordKey[];
  /** Validation of record i, computed on first use (it is pure, so earlier is the same). */
  validate(index: number): ValidationResult<Registration>;
  known: Iterable<KnownRow>;
  /** The already covered among the batch's NIKs. */
  covered?: ReadonlyMap<string, CoveredNik>;
  /** Ids of records erased on the person's request (services/erasure.ts). */
  erased?: ReadonlySet<string>;
  /** "id@version" of versions already answered `duplicate_nik`: answered again, not counted again. */
  attempted?: ReadonlySet<string>;
}

/**
 * Another device pushes the very version stored, with the same NIK and name: it holds the record (its
 * random id and the person's data, from a rescue backup of the phone that made it), so `unchanged` tells
 * it nothing it does not have, and the record reaches the registry once. Any other version, or the same
 * one with other data, stays refused.
 */
function isRescuedCopy(stored: KnownRow, key: RecordKey, input: PlanInput, i: number): boolean {
  if (key.version !== stored.version || stored.nik === '') return false;
  const checked = input.validate(i);
  return checked.ok && checked.value.nik === stored.nik && checked.value.fullName === stored.full_name;
}

function judge(state: BatchState, input: PlanInput, i: number, ctx: PlanContext): PushResult {
  const key = input.keys[i]!;
  const stored = state.find(key.id);
  // Record ids are random UUIDs known only to the phone that made them; another device may not edit one,
  // nor learn its version or status: so this comes before every answer that reads the stored row. The
  // one exception is a rescued copy (a phone's rescue backup restored on another phone), which only
  // hears `unchanged` for what it holds whole already.
  if (stored && stored.device_id !== ctx.deviceId && !isRescuedCopy(stored, key, input, i)) {
    return { ...key, outcome: 'invalid', errors: [{ field: 'id', code: 'id_invalid' }] };
  }
  // Erased on the person's request: closed for good, like a voided record, and nothing is stored again.
  // The phone drops it on its next pull (an older phone shows it rejected with the reason).
  if (input.erased?.has(key.id)) return { ...key, outcome: 'unchanged', serverStatus: 'rejected' };
  // Voided by the office (Data ganda): closed. Any version is answered as the closed record, so the
  // phone stops sending it and shows it rejected (the reason came with the pull); nothing is written.
  if (stored?.voided_at) return { ...key, outcome: 'unchanged', serverStatus: 'rejected' };
  if (stored && key.version === stored.version) {
    return { ...key, outcome: 'unchanged', serverStatus: stored.status };
  }
  if (stored && key.version < stored.version) {
    return { ...key, outcome: 'stale', currentVersion: stored.version };
  }
  const checked = input.validate(i);
  if (!checked.ok) return { ...key, outcome: 'invalid', errors: checked.errors };
  // Past the device's hourly probes a new NIK is held, whether it is taken or not: the same answer
  // either way, so the limit itself tells nothing (shared/nik-probing.ts).
  // A version answered duplicate_nik before (its answer was lost, or its phone lost what it wrote) is
  // answered the same again: it tells nothing new, so it is neither held nor counted as a probe.
  const isRepeat = input.attempted?.has(`${key.id}@${key.version}`) ?? false;
  if (stored?.nik !== checked.value.nik && state.probesLeft <= 0 && !isRepeat) {
    state.audits.push({
      actor: `device:${ctx.deviceId}`,
      action: HELD_ACTION,
      target: key.id,
      detail: { version: key.version },
    });
    return { ...key, outcome: 'invalid', errors: [{ field: 'nik', code: 'nik_held' }] };
  }
  const holder = state.nikHolder(checked.value.nik, checked.value.id);
  const covered = holder ? undefined : input.covered?.get(checked.value.nik);
  if (holder || covered) {
    const kelurahanKode = holder?.kelurahan_kode ?? covered!.kelurahan_kode;
    const isOwnKelurahan = ctx.deviceKelurahanKode != null && kelurahanKode === ctx.deviceKelurahanKode;
    state.duplicates.push({
      record: checked.value,
      deviceId: ctx.deviceId,
      holder: holder ? { source: 'registration', id: holder.id } : { source: 'covered', id: covered!.nik },
    });
    const detail = { version: key.version, isOwnKelurahan, isCovered: !holder };
    if (!isRepeat) state.noteProbe('sync.duplicate_answer', key.id, detail, ctx);
    // Where and when only inside the device's own kelurahan; elsewhere just "registered elsewhere".
    if (!isOwnKelurahan) return { ...key, outcome: 'duplicate_nik' };
    const duplicate = holder
      ? // The registry's receipt is the official registration date; the phone's createdAt is only reported.
        { kelurahanKode, registeredAt: holder.received_at }
      : { kelurahanKode, registeredAt: covered!.imported_at, alreadyCovered: true };
    return { ...key, outcome: 'duplicate_nik', duplicate };
  }
  const serverStatus = state.accept(checked.value, ctx);
  return { id: checked.value.id, version: checked.value.version, outcome: 'accepted', serverStatus };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
type InsertKey = { kelurahan_kode: string; id: string };
const byKelurahanThenId = (a: InsertKey, b: InsertKey) =>
  compare(a.kelurahan_kode, b.kelurahan_kode) || compare(a.id, b.id);

export function planBatch(input: PlanInput, ctx: PlanContext): IngestPlan {
  const state = new BatchState(input.known, ctx.probesLeft);
  const results = input.records.map((_, i) => judge(state, input, i, ctx));
  // One order for every push, so that two concurrent batches take their locks in the same order and
  // wait on each other in turn instead of deadlocking (each holding what the other needs): the new
  // ids' keys, and — through the trigger that counts each inserted row (migration 0010) — the
  // `kelurahan_counts` rows, which is why the kelurahan comes first. In id order alone, two batches
  // sharing two kelurahan deadlocked on their counts (PostgreSQL: a 1 s wait for the detector, then a
  // retry that runs alone). Order is otherwise free: the rows share no key.
  const inserts = [...state.inserts.values()].sort(byKelurahanThenId);
  const { updates, versions, duplicates, audits } = state;
  return { results, updates, inserts, versions, duplicates, audits };
}
