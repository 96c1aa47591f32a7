/**
 * Erasure on the person's request (UU PDP 27/2022; the consent text promises it). One transaction:
 *   - the registration row, every version in `registration_versions` and every KTP photo are deleted (so the NIK is free
 *     and the person leaves coverage and the export), as is a voided record still holding the NIK in
 *     its JSON, and a person with that NIK imported from BPJS (`covered_people`);
 *   - every duplicate attempt naming the NIK (or made by the erased record) is deleted; an open or
 *     "same person" attempt is the same person's data on another phone, so that phone is told to drop
 *     it too (a "NIK mistyped" one was another person's and has been sent back to be fixed already);
 *   - the change feed gets an `erased` entry for each phone concerned (older phones read it as rejected
 *     with ERASED_REASON), earlier entries of those records lose their free-text reason, and the audit
 *     log's earlier details (a search by NIK or name) have the NIK and the name blanked;
 *   - `erasures` keeps the record ids (a late push of one is answered as closed and stores nothing) and
 *     the audit row keeps who, when, why and the NIK's keyed hash (services/nik-hash.ts). Nothing else.
 */
import type { Transaction } from 'kysely';
import { lockChangeFeed, type RegistryDb } from '../db/connect';
import type { Database } from '../db/schema';
import { ERASED_REASON, confirmsErasure } from '../../shared/erasure';
import type { Registration } from '../../shared/registration';
import { writeAudit } from './audit';
import { hashNik } from './nik-hash';

type Trx = Transaction<Database>;

export type EraseOutcome = 'erased' | 'not_found' | 'not_confirmed' | 'conflict';

export interface EraseRequest {
  id: string;
  /** What the officer typed to confirm: the person's NIK or full name. */
  confirmation: string;
  reason: string;
}

const BLANKED = '[dihapus]';

/** The NIK and name of a stored record: a voided one moved its NIK aside and keeps it in its JSON. */
async function personOf(db: RegistryDb['db'], id: string) {
  const row = await db
    .selectFrom('registrations')
    .select(['nik', 'full_name', 'data', 'voided_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const nik = row.voided_at ? (JSON.parse(row.data) as Registration).nik : row.nik;
  return { nik, fullName: row.full_name };
}

/** Every stored record of the person: the one holding the NIK and voided ones that held it. */
async function recordsOf(trx: Trx, id: string, nik: string) {
  // A NIK is 16 digits (checked before), so it is safe inside a LIKE pattern.
  return trx
    .selectFrom('registrations')
    .select(['id', 'version', 'device_id'])
    .where((eb) =>
      eb.or([
        eb('id', '=', id),
        eb('nik', '=', nik),
        eb.and([eb('voided_at', 'is not', null), eb('data', 'like', `%"nik":"${nik}"%`)]),
      ]),
    )
    .execute();
}

/** Duplicate attempts naming the NIK or made by an erased record; which of them phones must drop. */
async function attemptsOf(trx: Trx, nik: string, recordIds: string[]) {
  const attempts = await trx
    .selectFrom('duplicate_attempts')
    .select(['id', 'record_id', 'version', 'device_id', 'resolution'])
    .where((eb) =>
      eb.or([eb('nik', '=', nik), eb('record_id', 'in', recordIds), eb('holder_id', 'in', recordIds)]),
    )
    .execute();
  // A copy stored at the registry since (its NIK corrected) is another person's record: left alone.
  const copyIds = [...new Set(attempts.map((a) => a.record_id))].filter((id) => !recordIds.includes(id));
  const stored = copyIds.length
    ? new Set(
        (await trx.selectFrom('registrations').select('id').where('id', 'in', copyIds).execute()).map(
          (r) => r.id,
        ),
      )
    : new Set<string>();
  const copies = new Map<string, { id: string; version: number; device_id: string }>();
  for (const a of attempts) {
    if (recordIds.includes(a.record_id) || stored.has(a.record_id) || a.resolution === 'mistyped') continue;
    const seen = copies.get(a.record_id);
    if (!seen || seen.version < a.version)
      copies.set(a.record_id, { id: a.record_id, version: a.version, device_id: a.device_id });
  }
  return { attemptIds: attempts.map((a) => a.id), copies: [...copies.values()] };
}

/**
 * Blanks the NIK and the name wherever an earlier audit detail or a change's reason quoted them, and the
 * NIK in other records' old versions.
 */
async function blankEarlierMentions(trx: Trx, person: { nik: string; fullName: string }, ids: string[]) {
  const jsonName = JSON.stringify(person.fullName).slice(1, -1);
  for (const value of [person.nik, jsonName]) {
    if (value.length < 3) continue;
    await trx
      .updateTable('audit_log')
      .set((eb) => ({ detail: eb.fn<string>('replace', ['detail', eb.val(value), eb.val(BLANKED)]) }))
      // `_` matches any one character: the wildcards and PostgreSQL's escape character become it, so
      // the pattern finds every row holding the value (and perhaps a few more, which replace leaves be).
      .where('detail', 'like', `%${value.replace(/[\\%_]/g, '_')}%`)
      .execute();
  }
  await trx.updateTable('changes').set({ reason: null }).where('registration_id', 'in', ids).execute();
  // Another record's old version may carry the NIK (typed by mistake, then corrected): blanked there.
  await trx
    .updateTable('registration_versions')
    .set((eb) => ({ data: eb.fn<string>('replace', ['data', eb.val(person.nik), eb.val(BLANKED)]) }))
    .where('data', 'like', `%${person.nik}%`)
    .execute();
}

function scrub(text: string, person: { nik: string; fullName: string }): string {
  return text.split(person.nik).join(BLANKED).split(person.fullName).join(BLANKED);
}

export async function eraseRegistration(
  store: RegistryDb,
  now: string,
  actor: string,
  request: EraseRequest,
  nikHashSecret: string | undefined,
): Promise<EraseOutcome> {
  const person = await personOf(store.db, request.id);
  if (!person) return 'not_found';
  if (!confirmsErasure(request.confirmation, person)) return 'not_confirmed';
  // Slow on purpose (argon2id), so computed before the transaction opens.
  const nikHash = await hashNik(store.db, person.nik, nikHashSecret);
  return store.db.transaction().execute(async (trx) => {
    await lockChangeFeed(trx, store.engine);
    const again = await personOf(trx, request.id);
    if (!again || again.nik !== person.nik) return 'conflict';
    const records = await recordsOf(trx, request.id, person.nik);
    const recordIds = records.map((r) => r.id);
    const { attemptIds, copies } = await attemptsOf(trx, person.nik, recordIds);
    const told = [...records, ...copies];
    await blankEarlierMentions(
      trx,
      person,
      told.map((r) => r.id),
    );
    await trx.deleteFrom('registration_versions').where('registration_id', 'in', recordIds).execute();
    await trx.deleteFrom('registration_photos').where('registration_id', 'in', recordIds).execute();
    await trx.deleteFrom('registrations').where('id', 'in', recordIds).execute();
    if (attemptIds.length) await trx.deleteFrom('duplicate_attempts').where('id', 'in', attemptIds).execute();
    const covered = await trx.deleteFrom('covered_people').where('nik', '=', person.nik).executeTakeFirst();
    for (const r of told) {
      await trx
        .insertInto('erasures')
        .values({
          record_id: r.id,
          device_id: r.device_id,
          nik_hash: nikHash,
          erased_at: now,
          erased_by: actor,
        })
        .onConflict((oc) => oc.column('record_id').doNothing())
        .execute();
      await trx
        .insertInto('changes')
        .values({
          registration_id: r.id,
          device_id: r.device_id,
          version: r.version,
          status: 'rejected',
          reason: ERASED_REASON,
          changed_at: now,
          erased: 1,
        })
        .execute();
    }
    await writeAudit(trx, now, {
      actor,
      action: 'registration.erase',
      target: request.id,
      detail: {
        reason: scrub(request.reason.trim(), person),
        nikHash,
        records: recordIds,
        phoneCopies: copies.map((c) => c.id),
        wasCovered: Number(covered.numDeletedRows) > 0,
      },
    });
    return 'erased' as const;
  });
}
