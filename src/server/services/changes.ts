/**
 * The pull side of sync: a device reads the status changes to its own records after a cursor.
 * The cursor is the last sequence number seen, wrapped so phones treat it as opaque.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { MAX_PULL_CHANGES, type StatusChange } from '../../shared/sync-protocol';

export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`, 'utf8').toString('base64url');
}

/**
 * The highest sequence: PostgreSQL's `serial` is an int4, so the registry never hands out a cursor
 * beyond it, and a larger number must not reach SQL (comparing it with the column fails: 22003).
 * SQLite is held to the same bound, so both engines take the same cursors.
 */
export const MAX_SEQUENCE = 2_147_483_647;

/** The sequence a cursor stands for; 0 for none; undefined for something that is not a cursor. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s(\d{1,15})$/.exec(text);
  const seq = match ? Number(match[1]) : undefined;
  return seq !== undefined && seq <= MAX_SEQUENCE ? seq : undefined;
}

export interface ChangesPage {
  changes: StatusChange[];
  cursor: string;
  hasMore: boolean;
}

export async function readChanges(
  db: Kysely<Database>,
  deviceId: string,
  afterSeq: number,
  limit: number = MAX_PULL_CHANGES,
): Promise<ChangesPage> {
  const rows = await db
    .selectFrom('changes')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const lastSeq = page.at(-1)?.seq ?? afterSeq;
  return {
    changes: page.map((r) => ({
      id: r.registration_id,
      version: r.version,
      serverStatus: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
      changedAt: r.changed_at,
      ...(r.erased ? { erased: true } : {}),
    })),
    cursor: encodeCursor(Number(lastSeq)),
    hasMore: rows.length > limit,
  };
}
