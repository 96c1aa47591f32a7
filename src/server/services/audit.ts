/** The audit log: who changed what, when. Written in the same transaction as the change it records. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

export async function writeAudit(db: Kysely<Database>, at: string, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export interface AuditQuery {
  limit: number;
  /** Only entries older than this id (the next page of a newest-first list). */
  before?: number;
  actor?: string;
  /** An action, or a family of them: "auth" matches auth.login, auth.logout, … */
  action?: string;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

export async function listAudit(db: Kysely<Database>, query: AuditQuery) {
  let select = db.selectFrom('audit_log').selectAll();
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  if (query.actor) select = select.where('actor', '=', query.actor);
  if (query.action) {
    const action = query.action;
    select = select.where((eb) => eb.or([eb('action', '=', action), eb('action', 'like', `${action}.%`)]));
  }
  if (query.from) select = select.where('at', '>=', query.from);
  if (query.to) select = select.where('at', '<', query.to);
  const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
}
