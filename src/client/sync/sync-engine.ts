/**
 * The sync engine: a factory (the app makes one instance; tests make as many as they like) that drains
 * the outbox to the registry and pulls status changes back. Everything it touches comes in through
 * `createSyncEngine(options)`: the database, fetch, the clock, randomness, sleeping and the lock.
 *
 * State per instance: whether a run loop is going, the retry state (`retry-policy.ts` decides what it
 * becomes after each run: backoff, Retry-After, smaller batches, a record held for the office), the
 * status shown to the UI. Invariants: at most one run per instance at a time (runs are shared, not
 * stacked); the loop only performs the policy's step; an auth failure stops retrying until the phone
 * enrolls again, and no record is ever dropped on any failure.
 */
import { forgetRecordsAtRegistry, holdForOffice, releaseExpiredLeases, toStorageErrorCode } from '../db';
import {
  loadAuthProblem,
  loadCredentials,
  storeAuthProblem,
  storeCredentials,
  storeLastSuccessAt,
} from './device-credentials';
import { wireEngine, type SyncEngineOptions } from './engine-options';
import type { CallFailure, SyncErrorCode } from './registry-client';
import { batchSizeOf, initialRetryState, nextRetry, type RetryStep } from './retry-policy';
import { createClockWatch } from './clock-watch';
import { createStatusStore } from './status-store';
import type { EnrollResult, SyncEngine, SyncOutcome, SyncTrigger } from './sync-types';
import { createLiveSnapshot, readSyncSnapshot } from './sync-snapshot';
import { runSync } from './sync-run';
import { MAX_RECORDS_PER_PUSH } from '../../shared/sync-protocol';

export { DEFAULT_LEASE_MS, type SyncEngineOptions } from './engine-options';
export type { EnrollResult, SyncEngine, SyncOutcome, SyncTrigger } from './sync-types';

/** These triggers cut a backoff wait short (a person or the network said "now"). */
const URGENT_TRIGGERS = new Set<SyncTrigger>(['manual', 'online', 'visible', 'background', 'enrolled']);
const NETWORK_DOWN = new Set<SyncErrorCode>(['offline', 'timeout']);

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, now, random } = options;
  const { client, report, lock, policy, sleep, leaseMs, maxBytes } = wireEngine(options, (offsetS) =>
    clock.note(offsetS),
  );
  const store = createStatusStore();
  // The run's own writes commit relaxed (db/database.ts): a lost one is pushed or pulled again.
  // Credentials and what the volunteer saved stay strict.
  const bookkeeping = () => db.forBookkeeping();
  const clock = createClockWatch(bookkeeping, now, (offsetS) => store.update({ clockOffsetS: offsetS }));
  const liveSnapshot = createLiveSnapshot(db, (snapshot) => store.update(snapshot));

  let inFlight: Promise<SyncOutcome> | undefined;
  let loop: Promise<void> | undefined;
  let isRerunWanted = false;
  let isStopped = false;
  /** Carried from run to run; only nextRetry() makes a new one. */
  let retry = initialRetryState(options.limits?.maxRecords ?? MAX_RECORDS_PER_PUSH);
  let wake: AbortController | undefined;
  /** An urgent trigger came while a run was going (no wait to cut yet): the next wait is skipped. */
  let isUrgentPending = false;
  let isStarted = false;

  const iso = () => new Date(now()).toISOString();

  async function refresh(): Promise<void> {
    store.update(await readSyncSnapshot(db));
  }

  async function failed(
    failure: CallFailure,
    push: Omit<Extract<SyncOutcome, { kind: 'failed' }>, 'kind' | 'failure'> = {},
  ): Promise<SyncOutcome> {
    store.update({ lastError: failure.code, ...(NETWORK_DOWN.has(failure.code) && { isOnline: false }) });
    if (failure.code !== 'unauthorized' && failure.code !== 'device_revoked')
      return { kind: 'failed', failure, ...push };
    // A revoked phone deletes at once the records the registry already holds (unsent ones stay for
    // the next enrollment: db/retention.ts). Strict, and before the problem is stored: once it is,
    // no run comes again to redo a wipe a crash had lost.
    if (failure.code === 'device_revoked') await forgetRecordsAtRegistry(db, iso());
    await storeAuthProblem(db, failure.code);
    store.update({ needsEnrollment: true });
    return { kind: 'needs_enrollment' };
  }

  async function runLocked(token: string): Promise<SyncOutcome> {
    const locked = await lock.runExclusive((renew) =>
      runSync({
        db: bookkeeping(),
        client,
        token,
        now,
        leaseMs,
        limits: { maxRecords: batchSizeOf(retry), maxBytes },
        renew,
        onProgress: (progress) => store.update({ progress }),
        report,
        clockOffsetS: clock.current,
      }),
    );
    if (!locked.acquired) return { kind: 'busy' };
    const result = locked.value;
    if (!result.ok) {
      const { failure, batch, isRegistryAnswering } = result;
      if (failure.code === 'busy') return { kind: 'busy' };
      return failed(failure, {
        ...(batch && { batch }),
        ...(isRegistryAnswering !== undefined && { isRegistryAnswering }),
      });
    }
    const lastSuccessAt = iso();
    await storeLastSuccessAt(bookkeeping(), lastSuccessAt);
    store.update({ lastSuccessAt, lastError: undefined, isOnline: true });
    return { kind: 'synced', pushed: result.pushed, parked: result.parked, pulled: result.pulled };
  }

  async function runOnce(): Promise<SyncOutcome> {
    try {
      const [credentials, authProblem] = await Promise.all([loadCredentials(db), loadAuthProblem(db)]);
      if (!credentials) return { kind: 'not_enrolled' };
      if (authProblem) return { kind: 'needs_enrollment' };
      store.update({ isRunning: true, isEnrolled: true });
      await clock.load();
      liveSnapshot.pause(); // the run reports progress; the snapshot is refreshed when it ends
      return await runLocked(credentials.token);
    } catch (error) {
      // IndexedDB failed: nothing was lost, the outbox is still there. A database closed by an app
      // update stays closed until the page reloads (the shell says so), so that one is not retried.
      return failed({ code: 'storage', isTransient: toStorageErrorCode(error) !== 'closed' });
    } finally {
      store.update({ isRunning: false, progress: undefined });
      await refresh().catch(() => undefined);
      if (isStarted) liveSnapshot.resume();
    }
  }

  function syncOnce(): Promise<SyncOutcome> {
    inFlight ??= runOnce().finally(() => (inFlight = undefined));
    return inFlight;
  }

  /** Performs the policy's step: park a record if asked; how long to wait, or undefined to stop. */
  async function perform(step: RetryStep): Promise<number | undefined> {
    if (step.kind === 'wait_for_trigger') return undefined;
    if (step.kind === 'park') await holdForOffice(bookkeeping(), step.record).catch(() => undefined);
    return step.delayMs;
  }

  async function waitForRetry(delay: number): Promise<void> {
    if (isUrgentPending && now() >= retry.notBefore) return;
    wake = new AbortController();
    store.update({ nextRetryAt: now() + delay });
    await sleep(delay, wake.signal);
    wake = undefined;
    store.update({ nextRetryAt: undefined });
  }

  async function runLoop(): Promise<void> {
    while (isRerunWanted && !isStopped) {
      isRerunWanted = false;
      isUrgentPending = false; // the run starting now answers every trigger so far
      const decision = nextRetry(retry, await syncOnce(), policy, now(), random);
      retry = decision.state;
      const delay = await perform(decision.step);
      if (delay === undefined || isStopped) continue;
      isRerunWanted = true;
      await waitForRetry(delay);
    }
  }

  function requestSync(trigger: SyncTrigger = 'save'): void {
    if (isStopped) return;
    isRerunWanted = true;
    if (URGENT_TRIGGERS.has(trigger)) {
      isUrgentPending = true;
      if (now() >= retry.notBefore) wake?.abort();
    }
    loop ??= runLoop()
      .catch(() => undefined)
      .finally(() => (loop = undefined));
  }

  async function enroll(code: string): Promise<EnrollResult> {
    const result = await client.enroll(code.trim());
    if (!result.ok) return { ok: false, code: result.failure.code };
    // Never rejects: the form waiting on it must leave "busy" whatever storage does.
    const isStored = await storeCredentials(db, { ...result.value, enrolledAt: iso() }).then(
      () => true,
      () => false,
    );
    if (!isStored) return { ok: false, code: 'storage' };
    store.update({ isEnrolled: true, needsEnrollment: false, lastError: undefined });
    requestSync('enrolled');
    return { ok: true, deviceId: result.value.deviceId };
  }

  return {
    status: { get: store.get, subscribe: store.subscribe },
    async start() {
      isStopped = false;
      // Claims left by a tab that closed mid-push go back to the queue now, not only at the next claim.
      await releaseExpiredLeases(bookkeeping(), now(), leaseMs).catch(() => undefined);
      isStarted = true;
      liveSnapshot.resume();
      await refresh().catch(() => undefined);
      requestSync('start');
    },
    stop() {
      isStopped = true;
      wake?.abort();
      isStarted = false;
      liveSnapshot.pause();
    },
    requestSync,
    syncOnce,
    async whenIdle() {
      while (loop || inFlight) await (loop ?? inFlight);
    },
    enroll,
    noteOnlineHint: (isOnline) => store.update({ isOnline }),
  };
}
