/**
 * What the sync bar shows, as a tiny observable value. Stateful per engine instance (no module state):
 * the engine writes it, the UI reads it through useSyncStatus().
 */
import type { SyncErrorCode } from './registry-client';

export interface SyncProgress {
  done: number;
  total: number;
}

export interface SyncStatus {
  /** A hint: navigator.onLine, corrected by whether the last request reached the registry. */
  isOnline: boolean;
  /** Records in the outbox still to send (pending or in flight). */
  waiting: number;
  /** Records parked for the volunteer (duplicate NIK, invalid). */
  parked: number;
  /** KTP photos still to upload (most after their record was accepted; a draft's photo is not one). */
  waitingPhotos: number;
  /** ISO time of the last run that pushed and pulled everything. */
  lastSuccessAt?: string;
  /** ISO time the oldest waiting record was saved. */
  oldestWaitingSince?: string;
  isRunning: boolean;
  progress?: SyncProgress;
  lastError?: SyncErrorCode;
  isEnrolled: boolean;
  /** The stored part (enrollment above all) has been read once: until then nothing is said about it. */
  isStoredStatusRead: boolean;
  /** The registry refused the token (unauthorized / revoked): enroll again; unsent records are kept. */
  needsEnrollment: boolean;
  /** Epoch ms of the next automatic retry after a transient failure. */
  nextRetryAt?: number;
  /** This phone's clock − the registry's (s), as last measured; undefined before any answer. */
  clockOffsetS?: number;
}

export interface StatusStore {
  get(): SyncStatus;
  update(patch: Partial<SyncStatus>): void;
  subscribe(listener: (status: SyncStatus) => void): () => void;
}

export const INITIAL_STATUS: SyncStatus = {
  isOnline: true,
  waiting: 0,
  parked: 0,
  waitingPhotos: 0,
  isRunning: false,
  isEnrolled: false,
  isStoredStatusRead: false,
  needsEnrollment: false,
};

export function createStatusStore(initial: SyncStatus = INITIAL_STATUS): StatusStore {
  let current = initial;
  const listeners = new Set<(status: SyncStatus) => void>();
  return {
    get: () => current,
    update(patch) {
      current = { ...current, ...patch };
      for (const listener of [...listeners]) listener(current);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
