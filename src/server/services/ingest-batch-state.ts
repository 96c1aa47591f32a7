/**
 * What a push batch has decided so far (ingest-plan.ts): the stored rows by id and by NIK as the batch
 * has changed them, and the writes and audits it has listed. Pure, in memory.
 *
 * Invariant: after every accepted record, `byId`/`byNik` hold exactly the rows the database would hold
 * had the batch's writes so far been made, so the next record is judged against them.
 */
import type { NewRegistrationRow, RegistrationVersionRow } from '../db/schema';
import type { AuditEntry } from './audit';
import type { DuplicateAttempt } from './duplicates';
import type { KnownRow, PlanContext, RegistrationColumns, RegistrationUpdate } from './ingest-plan';
import type { Registration } from '../../shared/registration';
import type { ServerStatus } from '../../shared/sync-protocol';
import { toRegistrationRow } from './registration-row';

/** A row as the batch sees it so far; `isNew` when it exists only in this batch's pending inserts. */
export interface Tracked extends KnownRow {
  isNew: boolean;
}

/** Stored rows by id and by NIK, changed in memory as the batch accepts records. */
export class BatchState {
  private readonly byId = new Map<string, Tracked>();
  private readonly byNik = new Map<string, Tracked>();
  readonly updates: RegistrationUpdate[] = [];
  readonly inserts = new Map<string, NewRegistrationRow>();
  readonly versions: RegistrationVersionRow[] = [];
  readonly duplicates: DuplicateAttempt[] = [];
  readonly audits: AuditEntry[] = [];
  probesLeft: number;

  constructor(known: Iterable<KnownRow>, probesLeft: number = Infinity) {
    this.probesLeft = probesLeft;
    for (const row of known) {
      if (this.byId.has(row.id)) continue;
      const tracked = { ...row, isNew: false };
      this.byId.set(row.id, tracked);
      this.byNik.set(row.nik, tracked);
    }
  }

  find(id: string): Tracked | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  nikHolder(nik: string, exceptId: string): Tracked | undefined {
    const holder = this.byNik.get(nik);
    return holder && holder.id !== exceptId ? holder : undefined;
  }

  /** An answer or change that tells the device something about a NIK: audited, and counted. */
  noteProbe(action: string, target: string, detail: Record<string, unknown>, ctx: PlanContext) {
    this.probesLeft -= 1;
    this.audits.push({ actor: `device:${ctx.deviceId}`, action, target, detail });
  }

  /** Records an accepted version; returns the status the record has afterwards. */
  accept(record: Registration, ctx: PlanContext): ServerStatus {
    const row = {
      ...toRegistrationRow(record, ctx.deviceId, ctx.now, ctx.deviceKelurahanKode ?? null),
      clock_offset_s: ctx.clockOffsetS ?? null,
    };
    const stored = this.byId.get(record.id);
    if (stored && stored.nik !== record.nik) {
      const detail = { fromVersion: stored.version, toVersion: record.version };
      this.noteProbe('registration.nik_change', record.id, detail, ctx);
    }
    // An edit of a rejected record is a correction: it goes back to the queue for review.
    const isResubmission = stored?.status === 'rejected';
    const status = stored && !isResubmission ? stored.status : 'received';
    if (stored && !stored.isNew) {
      const judged = {
        version: stored.version,
        status: stored.status,
        kelurahan_kode: stored.kelurahan_kode,
      };
      this.updates.push({ row, isResubmission, judged });
    } else this.inserts.set(row.id, fresh(row, ctx.now));
    this.versions.push({
      registration_id: row.id,
      version: row.version,
      data: row.data,
      device_id: row.device_id,
      received_at: ctx.now,
    });
    const tracked: Tracked = {
      id: row.id,
      nik: row.nik,
      full_name: row.full_name,
      version: row.version,
      device_id: row.device_id,
      status,
      kelurahan_kode: row.kelurahan_kode,
      received_at: stored ? stored.received_at : ctx.now,
      voided_at: null,
      isNew: stored ? stored.isNew : true,
    };
    if (stored && this.byNik.get(stored.nik) === stored) this.byNik.delete(stored.nik);
    this.byId.set(row.id, tracked);
    this.byNik.set(row.nik, tracked);
    return status;
  }
}

/**
 * The row of a record new to the registry. Completes the row in place: `toRegistrationRow` made it for
 * this record alone, and copying a 26-column object with a spread costs more than the insert's SQL.
 */
function fresh(row: RegistrationColumns, now: string): NewRegistrationRow {
  const status = 'received' as const;
  return Object.assign(row, { received_at: now, status, status_reason: null, status_changed_at: now });
}
