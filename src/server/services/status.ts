/**
 * Server-side status changes (verified / active / rejected). Each one updates the registration,
 * appends to the change feed the owning phone pulls, and writes the audit log — all in one transaction,
 * so a phone never sees a status the registry does not hold, and no change goes unaudited.
 */
import type { Transaction } from 'kysely';
import { lockChangeFeed, retryOnWriteConflict, type RegistryDb } from '../db/connect';
import type { Database } from '../db/schema';
import type { ServerStatus } from '../../shared/sync-protocol';
import { writeAudit } from './audit';

export type SettableStatus = Exclude<ServerStatus, 'received'>;
export const SETTABLE_STATUSES = [
  'verified',
  'active',
  'rejected',
] as const satisfies readonly SettableStatus[];

export type SetStatusOutcome = 'changed' | 'not_found' | 'reason_required';

interface StatusChange {
  status: SettableStatus;
  reason?: string;
}

/**
 * Sets the status of each record in one transaction (select many, verify at once). `isAllowed` lets a
 * route leave out records the caller may not touch; those, and unknown or voided ids, are "not_found".
 */
export async function setStatuses(
  store: RegistryDb,
  now: string,
  actor: string,
  ids: readonly string[],
  change: StatusChange,
  isAllowed: (kelurahanKode: string) => boolean = () => true,
): Promise<Map<string, SetStatusOutcome>> {
  const reason = change.reason?.trim() || null;
  const outcomes = new Map<string, SetStatusOutcome>();
  if (change.status === 'rejected' && !reason) {
    for (const id of ids) outcomes.set(id, 'reason_required');
    return outcomes;
  }
  const settle = () =>
    store.db.transaction().execute(async (trx) => {
      outcomes.clear();
      await lockChangeFeed(trx, store.engine);
      for (const id of new Set(ids)) {
        const row = await trx
          .selectFrom('registrations')
          .select(['id', 'version', 'device_id', 'status', 'kelurahan_kode'])
          .where('id', '=', id)
          .where('voided_at', 'is', null)
          .executeTakeFirst();
        if (!row || !isAllowed(row.kelurahan_kode)) {
          outcomes.set(id, 'not_found');
          continue;
        }
        await applyStatus(trx, row, { status: change.status, reason }, now, actor);
        outcomes.set(id, 'changed');
      }
    });
  await retryOnWriteConflict(settle);
  return outcomes;
}

/** The registration's new status, its change-feed entry for the phone, and the audit row. */
async function applyStatus(
  trx: Transaction<Database>,
  row: { id: string; version: number; device_id: string; status: ServerStatus },
  change: { status: SettableStatus; reason: string | null },
  now: string,
  actor: string,
): Promise<void> {
  const { status, reason } = change;
  await trx
    .updateTable('registrations')
    .set({ status, status_reason: reason, status_changed_at: now })
    .where('id', '=', row.id)
    .execute();
  await trx
    .insertInto('changes')
    .values({
      registration_id: row.id,
      device_id: row.device_id,
      version: row.version,
      status,
      reason,
      changed_at: now,
    })
    .execute();
  await writeAudit(trx, now, {
    actor,
    action: 'registration.status',
    target: row.id,
    detail: { from: row.status, to: status, reason },
  });
}

export async function setRegistrationStatus(
  store: RegistryDb,
  now: string,
  actor: string,
  change: { id: string } & StatusChange,
): Promise<SetStatusOutcome> {
  const outcomes = await setStatuses(store, now, actor, [change.id], change);
  return outcomes.get(change.id)!;
}
