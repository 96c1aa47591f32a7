/**
 * What the sync engine does after a run, decided by one pure function: `nextRetry(state, outcome,
 * policy, now, random)` → the next state and the next step (wait for a trigger, retry after a delay,
 * or park one record and go on). No clock, no storage, no timers here: the engine's loop only carries
 * the state from one run to the next and performs the step.
 *
 * Invariants:
 * - A success resets the backoff and ends any search for a poisoned record; a 413's smaller batch stays
 *   (the registry's limit does not grow back).
 * - A transient failure retries with full-jitter backoff, never before the honoured Retry-After.
 * - A poisoned record never blocks the rest: after `serverErrorsBeforeSplit` 500 answers in a row the
 *   batch is halved (the claim takes the oldest entries, so halving is a bisection over the queue) until
 *   one record alone fails. It is parked only when the registry answered something else in the same run
 *   (`isRegistryAnswering`): a registry that is simply down never gets a volunteer's record parked.
 * - Auth failures and other permanent ones wait for a trigger (enrolling again, the app updated).
 */
import { backoffDelay, DEFAULT_BACKOFF, honouredRetryAfter, type BackoffPolicy } from './backoff';
import type { OutboxKey, SyncOutcome } from './sync-types';

export interface RetryPolicy {
  backoff: BackoffPolicy;
  /** 500 answers in a row on a batch before it is split in half, or — one record — parked. */
  serverErrorsBeforeSplit: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { backoff: DEFAULT_BACKOFF, serverErrorsBeforeSplit: 3 };

export interface RetryState {
  /** Transient failures in a row: the backoff's attempt number. */
  failures: number;
  /** Epoch ms before which no retry starts, not even for an urgent trigger (Retry-After). */
  notBefore: number;
  /** Records per batch as the registry's body limit allows: halved by each 413. */
  maxRecords: number;
  /** While a poisoned record is looked for: the batch size being tried. */
  splitRecords: number | undefined;
  /** 500 answers in a row at the current batch size. */
  serverErrors: number;
}

export type RetryStep =
  | { kind: 'wait_for_trigger' }
  | { kind: 'retry'; delayMs: number }
  /** Park this record for the office, then retry the rest after `delayMs`. */
  | { kind: 'park'; record: OutboxKey; delayMs: number };

export interface RetryDecision {
  state: RetryState;
  step: RetryStep;
}

export function initialRetryState(maxRecords: number): RetryState {
  return { failures: 0, notBefore: 0, maxRecords, splitRecords: undefined, serverErrors: 0 };
}

/** How many records the next batch may hold. */
export function batchSizeOf(state: RetryState): number {
  return Math.min(state.maxRecords, state.splitRecords ?? state.maxRecords);
}

const WAIT: RetryStep = { kind: 'wait_for_trigger' };

type Failed = Extract<SyncOutcome, { kind: 'failed' }>;

export function nextRetry(
  state: RetryState,
  outcome: SyncOutcome,
  policy: RetryPolicy,
  now: number,
  random: () => number,
): RetryDecision {
  if (outcome.kind === 'synced') {
    return { state: { ...initialRetryState(state.maxRecords) }, step: WAIT };
  }
  if (outcome.kind !== 'failed') return { state, step: WAIT };
  const { failure } = outcome;
  if (failure.code === 'payload_too_large' && state.maxRecords > 1) {
    return { state: { ...state, maxRecords: Math.max(1, Math.floor(state.maxRecords / 2)) }, step: retryNow };
  }
  if (!failure.isTransient) return { state, step: WAIT };
  return afterTransientFailure(state, outcome, policy, now, random);
}

const retryNow: RetryStep = { kind: 'retry', delayMs: 0 };

/**
 * A 500 (the registry's own "internal error") may come from what the batch holds; 502, 503 and 504
 * say the registry or its proxy is unavailable, whatever was sent, so they never start a search.
 */
function isRecordSuspect(failure: Failed['failure']): boolean {
  return failure.code === 'server_error' && failure.status === 500;
}

function afterTransientFailure(
  state: RetryState,
  outcome: Failed,
  policy: RetryPolicy,
  now: number,
  random: () => number,
): RetryDecision {
  const retryAfterMs = honouredRetryAfter(outcome.failure.retryAfterMs, policy.backoff);
  const failures = state.failures + 1;
  const counted = { ...state, failures, notBefore: now + retryAfterMs };
  const backoff = (next: RetryState): RetryDecision => ({
    state: next,
    step: { kind: 'retry', delayMs: backoffDelay(failures, random, policy.backoff, retryAfterMs) },
  });
  const batch = outcome.batch ?? [];
  if (!isRecordSuspect(outcome.failure) || batch.length === 0) return backoff(counted);
  const serverErrors = state.serverErrors + 1;
  if (serverErrors < policy.serverErrorsBeforeSplit) return backoff({ ...counted, serverErrors });
  // Enough server errors on this batch: look for the record that causes them.
  if (batch.length > 1) {
    const splitRecords = Math.floor(batch.length / 2);
    return {
      state: { ...counted, splitRecords, serverErrors: 0 },
      step: { kind: 'retry', delayMs: retryAfterMs },
    };
  }
  const searchOver = { ...counted, splitRecords: undefined, serverErrors: 0 };
  if (!outcome.isRegistryAnswering) return backoff(searchOver); // the registry is down, not this record
  return {
    state: { ...searchOver, failures: 0 },
    step: { kind: 'park', record: batch[0]!, delayMs: retryAfterMs },
  };
}
