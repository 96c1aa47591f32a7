import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS } from '../../src/client/sync/backoff';
import type { CallFailure } from '../../src/client/sync/registry-client';
import {
  batchSizeOf,
  DEFAULT_RETRY_POLICY,
  initialRetryState,
  nextRetry,
  type RetryState,
} from '../../src/client/sync/retry-policy';
import type { OutboxKey, SyncOutcome } from '../../src/client/sync/sync-types';

const NOW = 1_700_000_000_000;
const policy = { backoff: { baseMs: 1_000, capMs: 60_000 }, serverErrorsBeforeSplit: 3 };
const keys = (n: number): OutboxKey[] =>
  Array.from({ length: n }, (_, i) => ({ recordId: `r${i}`, version: 1 }));
const failed = (failure: CallFailure, extra: Partial<Extract<SyncOutcome, { kind: 'failed' }>> = {}) =>
  ({ kind: 'failed', failure, ...extra }) as const;
const error500: CallFailure = { code: 'server_error', isTransient: true, status: 500 };
const error503: CallFailure = { code: 'server_error', isTransient: true, status: 503 };

/** Applies outcomes one after the other, as the engine's loop does. */
function run(outcomes: SyncOutcome[], state: RetryState = initialRetryState(500), random = () => 0.5) {
  const steps = [];
  for (const outcome of outcomes) {
    const decision = nextRetry(state, outcome, policy, NOW, random);
    state = decision.state;
    steps.push(decision.step);
  }
  return { state, steps };
}

describe('nextRetry', () => {
  it('a success resets the backoff and any search, and waits for the next trigger', () => {
    const start = {
      ...initialRetryState(250),
      failures: 4,
      notBefore: NOW + 9,
      splitRecords: 8,
      serverErrors: 2,
    };
    const { state, steps } = run([{ kind: 'synced', pushed: 1, parked: 0, pulled: 0 }], start);
    expect(state).toEqual(initialRetryState(250)); // the 413's smaller batch stays
    expect(steps).toEqual([{ kind: 'wait_for_trigger' }]);
  });

  it.each<SyncOutcome>([
    { kind: 'busy' },
    { kind: 'not_enrolled' },
    { kind: 'needs_enrollment' },
    failed({ code: 'protocol_unsupported', isTransient: false }),
  ])('%o waits for a trigger and changes nothing', (outcome) => {
    const start = initialRetryState(500);
    expect(nextRetry(start, outcome, policy, NOW, () => 0.5)).toEqual({
      state: start,
      step: { kind: 'wait_for_trigger' },
    });
  });

  it('a 413 halves the batch and retries at once, down to one record', () => {
    const { state, steps } = run(
      Array(10).fill(failed({ code: 'payload_too_large', isTransient: false })),
      initialRetryState(8),
    );
    expect(state.maxRecords).toBe(1);
    expect(steps.slice(0, 3)).toEqual(Array(3).fill({ kind: 'retry', delayMs: 0 }));
    expect(steps[3]).toEqual({ kind: 'wait_for_trigger' });
  });

  it('transient failures back off with full jitter, growing to the cap', () => {
    const offline = failed({ code: 'offline', isTransient: true });
    const { steps } = run(Array(8).fill(offline), undefined, () => 0.999);
    expect(steps.map((s) => (s.kind === 'retry' ? s.delayMs : -1))).toEqual([
      999, 1998, 3996, 7992, 15984, 31968, 59940, 59940,
    ]);
  });

  it('Retry-After is a floor for the wait and for urgent triggers, up to 15 minutes', () => {
    const rateLimited = (retryAfterMs: number) =>
      failed({ code: 'rate_limited', isTransient: true, retryAfterMs });
    const short = nextRetry(initialRetryState(500), rateLimited(7_000), policy, NOW, () => 0);
    expect(short.step).toEqual({ kind: 'retry', delayMs: 7_000 });
    expect(short.state.notBefore).toBe(NOW + 7_000);
    const day = nextRetry(initialRetryState(500), rateLimited(86_400_000), policy, NOW, () => 0);
    expect(day.step).toEqual({ kind: 'retry', delayMs: MAX_RETRY_AFTER_MS });
    expect(day.state.notBefore).toBe(NOW + MAX_RETRY_AFTER_MS);
  });

  it('three 500s on a batch halve it; the halves are halved in turn', () => {
    const { state, steps } = run([
      failed(error500, { batch: keys(10) }),
      failed(error500, { batch: keys(10) }),
      failed(error500, { batch: keys(10) }),
    ]);
    expect(steps.map((s) => s.kind)).toEqual(['retry', 'retry', 'retry']);
    expect(steps[2]).toEqual({ kind: 'retry', delayMs: 0 }); // the split is tried at once
    expect(batchSizeOf(state)).toBe(5);
    const next = run(Array(3).fill(failed(error500, { batch: keys(5) })), state).state;
    expect(batchSizeOf(next)).toBe(2);
  });

  it('a record that fails alone while the registry answers is parked; the search ends', () => {
    const alone = failed(error500, { batch: keys(1), isRegistryAnswering: true });
    const start = { ...initialRetryState(500), splitRecords: 1, failures: 7 };
    const { state, steps } = run([alone, alone, alone], start);
    expect(steps[2]).toEqual({ kind: 'park', record: { recordId: 'r0', version: 1 }, delayMs: 0 });
    expect(state).toEqual({ ...initialRetryState(500), notBefore: NOW });
    expect(batchSizeOf(state)).toBe(500);
  });

  it('a record that fails alone while the registry answers nothing else is not parked: the registry is down', () => {
    const alone = failed(error500, { batch: keys(1), isRegistryAnswering: false });
    const start = { ...initialRetryState(500), splitRecords: 1 };
    const { state, steps } = run([alone, alone, alone], start);
    expect(steps.every((s) => s.kind === 'retry')).toBe(true);
    expect(state.splitRecords).toBeUndefined(); // back to full batches
    expect(state.failures).toBe(3); // and the backoff keeps growing
  });

  it.each([
    ['503 (unavailable)', error503],
    ['a timeout', { code: 'timeout', isTransient: true } satisfies CallFailure],
  ])('%s never starts a search', (_label, failure) => {
    const { state } = run(Array(6).fill(failed(failure, { batch: keys(10) })));
    expect(state.splitRecords).toBeUndefined();
    expect(state.serverErrors).toBe(0);
  });

  it('uses 3 server errors by default', () => {
    expect(DEFAULT_RETRY_POLICY.serverErrorsBeforeSplit).toBe(3);
  });
});
