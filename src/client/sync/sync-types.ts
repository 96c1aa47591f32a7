/** The sync engine's public types: what it is asked (triggers), what it answers, what it offers. */
import type { CallFailure, SyncErrorCode } from './registry-client';
import type { StatusStore } from './status-store';

export type SyncTrigger =
  'start' | 'save' | 'online' | 'visible' | 'timer' | 'manual' | 'background' | 'enrolled';

/** One outbox entry as pushed: the record and the version sent (the idempotency key). */
export interface OutboxKey {
  recordId: string;
  version: number;
}

/**
 * A failed push also says which records it carried (`batch`) and, when one record alone met a server
 * error, whether the registry answered a pull right after (`isRegistryAnswering`): then the trouble
 * is that record, not the registry (see retry-policy.ts).
 */
export type SyncOutcome =
  | { kind: 'synced'; pushed: number; parked: number; pulled: number }
  | { kind: 'busy' }
  | { kind: 'not_enrolled' }
  | { kind: 'needs_enrollment' }
  | { kind: 'failed'; failure: CallFailure; batch?: OutboxKey[]; isRegistryAnswering?: boolean };

export type EnrollResult = { ok: true; deviceId: string } | { ok: false; code: SyncErrorCode };

export interface SyncEngine {
  readonly status: Pick<StatusStore, 'get' | 'subscribe'>;
  /** Starts watching the outbox, releases leases left by a closed tab, and syncs. */
  start(): Promise<void>;
  stop(): void;
  /** Asks for a sync soon; runs in the background, retrying transient failures. Never throws. */
  requestSync(trigger?: SyncTrigger): void;
  /** One run now (shared with a run already going). */
  syncOnce(): Promise<SyncOutcome>;
  /** Resolves when no run or retry is pending. */
  whenIdle(): Promise<void>;
  enroll(code: string): Promise<EnrollResult>;
  /** navigator.onLine changed: a hint for the sync bar, never a reason to skip a run. */
  noteOnlineHint(isOnline: boolean): void;
}
