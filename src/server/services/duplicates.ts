/**
 * Data ganda: every push refused as duplicate_nik is kept with what the phone sent, so the office can
 * put the two side by side and settle it. Each resolution is one transaction with its audit row and
 * the change-feed entries that tell the phones involved:
 *   - same_person: the phone's copy is closed (its record is rejected with "already registered");
 *   - void_holder: the registered record was wrong — it is voided (out of coverage and the export, its NIK
 *     freed, its phone told) and the waiting record is accepted in its place;
 *   - mistyped: different people, the NIK was mistyped — back to the volunteer to fix.
 */
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation, lockChangeFeed, lockIngest, type RegistryDb } from '../db/connect';
import type { Database, DuplicateResolution } from '../db/schema';
import type { Registration } from '../../shared/registration';
import { writeAudit } from './audit';
import { toRegistrationRow } from './registration-row';

type Trx = Transaction<Database>;

export interface DuplicateAttempt {
  record: Registration;
  deviceId: string;
  holder: { source: 'registration' | 'covered'; id: string };
}

export const RESOLUTION_REASONS: Record<DuplicateResolution, string> = {
  same_person:
    'Orang ini sudah terdaftar (data yang sama). Salinan di HP ini tidak dikirim; boleh dihapus dari HP.',
  mistyped:
    'NIK ini milik orang lain yang sudah terdaftar. Cocokkan NIK dengan KTP, perbaiki, lalu simpan lagi.',
  void_holder: 'Data ini dibatalkan kantor karena salah (data ganda). Tidak perlu dikirim lagi.',
};

/** Keeps the attempts of one push; a retry of the same (id, version) is kept once. */
export async function recordDuplicateAttempts(trx: Trx, now: string, attempts: readonly DuplicateAttempt[]) {
  for (const a of attempts) {
    await trx
      .insertInto('duplicate_attempts')
      .values({
        record_id: a.record.id,
        version: a.record.version,
        device_id: a.deviceId,
        nik: a.record.nik,
        kelurahan_kode: a.record.address.kelurahanKode,
        data: JSON.stringify(a.record),
        holder_source: a.holder.source,
        holder_id: a.holder.id,
        attempted_at: now,
        resolution: null,
        resolution_note: null,
        resolved_at: null,
        resolved_by: null,
      })
      .onConflict((oc) => oc.columns(['record_id', 'version']).doNothing())
      .execute();
  }
}

export async function listDuplicates(
  db: Kysely<Database>,
  opts: { open: boolean; limit: number; offset: number },
) {
  let query = db.selectFrom('duplicate_attempts');
  query = opts.open ? query.where('resolution', 'is', null) : query.where('resolution', 'is not', null);
  const [rows, total] = await Promise.all([
    query
      .select([
        'id',
        'record_id',
        'nik',
        'kelurahan_kode',
        'device_id',
        'holder_source',
        'attempted_at',
        'resolution',
        'data',
      ])
      .orderBy('attempted_at', opts.open ? 'asc' : 'desc')
      .orderBy('id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      recordId: r.record_id,
      nik: r.nik,
      fullName: (JSON.parse(r.data) as Registration).fullName,
      kelurahanKode: r.kelurahan_kode,
      deviceId: r.device_id,
      holderSource: r.holder_source,
      attemptedAt: r.attempted_at,
      resolution: r.resolution,
    })),
  };
}

/** One attempt beside what holds its NIK: a registration, or a person already covered. */
export async function getDuplicate(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('duplicate_attempts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const holder =
    row.holder_source === 'registration'
      ? await db
          .selectFrom('registrations')
          .select(['id', 'data', 'device_id', 'received_at', 'status', 'voided_at'])
          .where('id', '=', row.holder_id)
          .executeTakeFirst()
      : await db.selectFrom('covered_people').selectAll().where('nik', '=', row.holder_id).executeTakeFirst();
  return {
    id: row.id,
    attempt: {
      record: JSON.parse(row.data) as Registration,
      deviceId: row.device_id,
      attemptedAt: row.attempted_at,
    },
    holderSource: row.holder_source,
    holder:
      holder && 'data' in holder
        ? { ...holder, data: undefined, record: JSON.parse(holder.data) as unknown }
        : holder,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}

export type ResolveOutcome =
  | 'resolved'
  | 'not_found'
  | 'already_resolved'
  | 'superseded'
  | 'not_voidable'
  | 'already_covered'
  | 'conflict';

/**
 * An attempt the phone has moved on from: a newer version of the same record waits (settle that one),
 * or the record is at the registry already (accepted since under another NIK). Settling it would tell
 * the phone about a version it no longer holds.
 */
async function isSuperseded(trx: Trx, attempt: { record_id: string; version: number }) {
  const newer = await trx
    .selectFrom('duplicate_attempts')
    .select('id')
    .where('record_id', '=', attempt.record_id)
    .where('version', '>', attempt.version)
    .where('resolution', 'is', null)
    .executeTakeFirst();
  if (newer) return true;
  const stored = await trx
    .selectFrom('registrations')
    .select('id')
    .where('id', '=', attempt.record_id)
    .executeTakeFirst();
  return stored !== undefined;
}

async function tellPhone(
  trx: Trx,
  now: string,
  change: {
    id: string;
    device: string;
    version: number;
    status: 'received' | 'rejected';
    reason: string | null;
  },
) {
  await trx
    .insertInto('changes')
    .values({
      registration_id: change.id,
      device_id: change.device,
      version: change.version,
      status: change.status,
      reason: change.reason,
      changed_at: now,
    })
    .execute();
}

/** True when the city already covers this NIK at BPJS (Peserta lama): no registration may take it. */
async function isCoveredNik(trx: Trx, nik: string): Promise<boolean> {
  const row = await trx.selectFrom('covered_people').select('nik').where('nik', '=', nik).executeTakeFirst();
  return row !== undefined;
}

/**
 * Voids the holder and stores the waiting record in its place; `not_voidable` when the holder is not
 * voidable, `already_covered` when the NIK belongs to someone already covered at BPJS, which the push
 * path refuses too (the person would count twice: imported and registered).
 */
async function replaceHolder(
  trx: Trx,
  now: string,
  attempt: { holder_id: string; nik: string; data: string; device_id: string },
): Promise<'replaced' | 'not_voidable' | 'already_covered'> {
  if (await isCoveredNik(trx, attempt.nik)) return 'already_covered';
  const holder = await trx
    .selectFrom('registrations')
    .select(['id', 'version', 'device_id'])
    .where('id', '=', attempt.holder_id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (!holder) return 'not_voidable';
  // The NIK is freed by moving it aside; the voided record keeps it inside its data for the audit. Only
  // if the holder still holds the disputed NIK: an edit since the attempt (a corrected NIK) makes it
  // another person's record, which must not be voided. It is closed as rejected, so its phone stops.
  const voided = await trx
    .updateTable('registrations')
    .set({
      voided_at: now,
      void_reason: 'duplicate',
      nik: `void:${holder.id}`,
      status: 'rejected',
      status_reason: RESOLUTION_REASONS.void_holder,
      status_changed_at: now,
    })
    .where('id', '=', holder.id)
    .where('nik', '=', attempt.nik)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  if (Number(voided.numUpdatedRows) !== 1) return 'not_voidable';
  await tellPhone(trx, now, {
    id: holder.id,
    device: holder.device_id,
    version: holder.version,
    status: 'rejected',
    reason: RESOLUTION_REASONS.void_holder,
  });
  const record = JSON.parse(attempt.data) as Registration;
  const device = await trx
    .selectFrom('devices')
    .select('kelurahan_kode')
    .where('id', '=', attempt.device_id)
    .executeTakeFirst();
  const row = toRegistrationRow(record, attempt.device_id, now, device?.kelurahan_kode ?? null);
  await trx
    .insertInto('registrations')
    .values({
      ...row,
      received_at: now,
      status: 'received',
      status_reason: null,
      status_changed_at: now,
      voided_at: null,
      void_reason: null,
    })
    .execute();
  await trx
    .insertInto('registration_versions')
    .values({
      registration_id: record.id,
      version: record.version,
      data: attempt.data,
      device_id: attempt.device_id,
      received_at: now,
    })
    .onConflict((oc) => oc.columns(['registration_id', 'version']).doNothing())
    .execute();
  await tellPhone(trx, now, {
    id: record.id,
    device: attempt.device_id,
    version: record.version,
    status: 'received',
    reason: null,
  });
  return 'replaced';
}

export async function resolveDuplicate(
  store: RegistryDb,
  now: string,
  actor: string,
  input: { id: number; resolution: DuplicateResolution; note?: string },
): Promise<ResolveOutcome> {
  try {
    return await store.db.transaction().execute(async (trx) => {
      await lockChangeFeed(trx, store.engine);
      // Voiding stores a registration as a push does: shared with pushes, never beside an import.
      await lockIngest(trx, store.engine, false);
      const attempt = await trx
        .selectFrom('duplicate_attempts')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!attempt) return 'not_found';
      if (attempt.resolution) return 'already_resolved';
      if (await isSuperseded(trx, attempt)) return 'superseded';
      if (input.resolution === 'void_holder') {
        if (attempt.holder_source !== 'registration') return 'not_voidable';
        const replaced = await replaceHolder(trx, now, attempt);
        if (replaced !== 'replaced') return replaced;
      } else {
        const reason = [RESOLUTION_REASONS[input.resolution], input.note?.trim()].filter(Boolean).join(' ');
        await tellPhone(trx, now, {
          id: attempt.record_id,
          device: attempt.device_id,
          version: attempt.version,
          status: 'rejected',
          reason,
        });
      }
      const note = input.note?.trim() || null;
      await trx
        .updateTable('duplicate_attempts')
        .set({ resolution: input.resolution, resolution_note: note, resolved_at: now, resolved_by: actor })
        // Older open attempts of the same record are settled with it: the phone holds only this version.
        .where('record_id', '=', attempt.record_id)
        .where('version', '<=', attempt.version)
        .where('resolution', 'is', null)
        .execute();
      await writeAudit(trx, now, {
        actor,
        action: 'duplicate.resolve',
        target: String(attempt.id),
        detail: {
          resolution: input.resolution,
          recordId: attempt.record_id,
          holder: attempt.holder_id,
          note,
        },
      });
      return 'resolved' as const;
    });
  } catch (error) {
    // The NIK was taken again between the void and the insert (another attempt settled at once).
    if (isUniqueViolation(error)) return 'conflict';
    throw error;
  }
}
