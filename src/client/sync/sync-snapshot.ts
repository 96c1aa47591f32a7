/** The stored part of the sync status (outbox counts, enrollment, last success), read in one go. */
import { countOutbox, oldestWaitingSince, type JaringDb } from '../db';
import { loadAuthProblem, loadCredentials, loadLastSuccessAt } from './device-credentials';
import type { SyncStatus } from './status-store';

export type SyncSnapshot = Pick<
  SyncStatus,
  'waiting' | 'parked' | 'oldestWaitingSince' | 'lastSuccessAt' | 'isEnrolled' | 'needsEnrollment'
>;

export async function readSyncSnapshot(db: JaringDb): Promise<SyncSnapshot> {
  const [counts, oldest, lastSuccessAt, credentials, authProblem] = await Promise.all([
    countOutbox(db),
    oldestWaitingSince(db),
    loadLastSuccessAt(db),
    loadCredentials(db),
    loadAuthProblem(db),
  ]);
  return {
    ...counts,
    oldestWaitingSince: oldest,
    lastSuccessAt,
    isEnrolled: credentials !== undefined,
    needsEnrollment: authProblem !== undefined,
  };
}
