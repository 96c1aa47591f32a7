/** The stored part of the sync status (outbox counts, enrollment, last success), read in one go. */
import { countOutbox, countWaitingPhotos, observe, oldestWaitingSince, type JaringDb } from '../db';
import { loadAuthProblem, loadClockOffset, loadCredentials, loadLastSuccessAt } from './device-credentials';
import type { SyncStatus } from './status-store';

export type SyncSnapshot = Pick<
  SyncStatus,
  | 'waiting'
  | 'parked'
  | 'waitingPhotos'
  | 'oldestWaitingSince'
  | 'lastSuccessAt'
  | 'isEnrolled'
  | 'isStoredStatusRead'
  | 'needsEnrollment'
  | 'clockOffsetS'
>;

export async function readSyncSnapshot(db: JaringDb): Promise<SyncSnapshot> {
  const [counts, waitingPhotos, oldest, lastSuccessAt, credentials, authProblem, clock] = await Promise.all([
    countOutbox(db),
    countWaitingPhotos(db),
    oldestWaitingSince(db),
    loadLastSuccessAt(db),
    loadCredentials(db),
    loadAuthProblem(db),
    loadClockOffset(db),
  ]);
  return {
    ...counts,
    waitingPhotos,
    oldestWaitingSince: oldest,
    lastSuccessAt,
    isEnrolled: credentials !== undefined,
    isStoredStatusRead: true,
    needsEnrollment: authProblem !== undefined,
    ...(clock && { clockOffsetS: clock.offsetS }),
  };
}

/**
 * The snapshot kept live for the sync bar, with a pause for while a run goes: a live query re-reads
 * after every transaction that touches the outbox, and counting a long queue walks its index in
 * Chromium, so during a run (two transactions per batch) the recounts took a fifth of the sync's time.
 * A run reports its own progress meanwhile and refreshes the snapshot when it ends.
 */
export function createLiveSnapshot(db: JaringDb, onSnapshot: (snapshot: SyncSnapshot) => void) {
  let unsubscribe: (() => void) | undefined;
  return {
    resume(): void {
      unsubscribe ??= observe(() => readSyncSnapshot(db)).subscribe(
        onSnapshot,
        () => undefined, // a closed database: the shell asks for a reload
      );
    },
    pause(): void {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
