/**
 * Server-side status changes (verified / active / rejected). Each one updates the registration,
 * appends to the change feed the owning phone pulls, and writes the audit log — all in one transaction,
 * so a phone never sees a status the registry does not hold, and no change goes unaudited.
 */
import { lockChangeFeed, type RegistryDb } from '../db/connect';
import type { ServerStatus } from '../../shared/sync-protocol';
import { writeAudit } from './audit';

export type SettableStatus = Exclude<ServerStatus, 'received'>;
export const SETTABLE_STATUSES = [
  'verified',
  'active',
  'rejected',
] as const satisfies readonly SettableStatus[];

export type SetStatusOutcome = 'changed' | 'not_found' | 'reason_required';

export async function setRegistrationStatus(
  store: RegistryDb,
  now: string,
  actor: string,
  change: { id: string; status: SettableStatus; reason?: string },
): Promise<SetStatusOutcome> {
  const reason = change.reason?.trim() || null;
  if (change.status === 'rejected' && !reason) return 'reason_required';
  return store.db.transaction().execute(async (trx) => {
    await lockChangeFeed(trx, store.engine);
    const row = await trx
      .selectFrom('registrations')
      .select(['id', 'version', 'device_id', 'status'])
      .where('id', '=', change.id)
      .executeTakeFirst();
    if (!row) return 'not_found';
    await trx
      .updateTable('registrations')
      .set({ status: change.status, status_reason: reason, status_changed_at: now })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('changes')
      .values({
        registration_id: row.id,
        device_id: row.device_id,
        version: row.version,
        status: change.status,
        reason,
        changed_at: now,
      })
      .execute();
    await writeAudit(trx, now, {
      actor,
      action: 'registration.status',
      target: row.id,
      detail: { from: row.status, to: change.status, reason },
    });
    return 'changed';
  });
}
