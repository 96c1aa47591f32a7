/**
 * The sync engine: a factory (the app makes one instance; tests make as many as they like) that drains
 * the outbox to the registry and pulls status changes back. Everything it touches comes in through
 * `createSyncEngine(options)`: the database, fetch, the clock, randomness, sleeping and the lock.
 *
 * State per instance: whether a run loop is going, the backoff attempt count, the status shown to the
 * UI. Invariants: at most one run per instance at a time (runs are shared, not stacked); a transient
 * failure schedules a retry with full-jitter backoff, reset by the next success; an auth failure
 * stops retrying until the phone enrolls again, and no record is ever dropped on any failure.
 */
import { releaseExpiredLeases, toStorageErrorCode, type JaringDb } from '../db';
import { APP_VERSION } from '../app-version';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import {
  loadAuthProblem,
  loadCredentials,
  storeAuthProblem,
  storeCredentials,
  storeLastSuccessAt,
} from './device-credentials';
import { browserStoragePersisted, createReportSource } from './device-report';
import { createRegistryClient, type CallFailure, type SyncErrorCode } from './registry-client';
import {
  browserLockManager,
  metaLeaseRunnerLock,
  webLocksRunnerLock,
  type LockManagerLike,
  type RunnerLock,
} from './runner-lock';
import { createStatusStore } from './status-store';
import type { EnrollResult, SyncEngine, SyncOutcome, SyncTrigger } from './sync-types';
import { createLiveSnapshot, readSyncSnapshot } from './sync-snapshot';
import { runSync, type BatchLimits } from './sync-run';
import { MAX_PUSH_BYTES, MAX_RECORDS_PER_PUSH } from '../../shared/sync-protocol';

export interface SyncEngineOptions {
  db: JaringDb;
  /** Registry origin; '' (the default) means the app's own origin. */
  baseUrl?: string;
  fetch: typeof fetch;
  /** Epoch ms on the phone's clock (which may be wrong by hours). */
  now: () => number;
  /** [0, 1), for backoff jitter and the runner id. */
  random: () => number;
  /** Waits `ms`, or less when `signal` aborts (a volunteer pressed "Sinkronkan sekarang"). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  leaseMs?: number;
  requestTimeoutMs?: number;
  limits?: Partial<BatchLimits>;
  backoff?: BackoffPolicy;
  /** Web Locks; undefined = the browser's if present; null = always the meta-lease fallback. */
  locks?: LockManagerLike | null;
  /** Reported to the registry with each sync; package.json's version by default. */
  appVersion?: string;
  /** Reported too; navigator.storage.persisted() by default. */
  storagePersisted?: () => Promise<boolean | undefined>;
}

export type { EnrollResult, SyncEngine, SyncOutcome, SyncTrigger } from './sync-types';

/** These triggers cut a backoff wait short (a person or the network said "now"). */
const URGENT_TRIGGERS = new Set<SyncTrigger>(['manual', 'online', 'visible', 'background', 'enrolled']);
const NETWORK_DOWN = new Set<SyncErrorCode>(['offline', 'timeout']);

export const DEFAULT_LEASE_MS = 60_000;
/** Headroom under the registry's body limit for the envelope and JSON framing. */
const BODY_HEADROOM_BYTES = 16 * 1024;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, now, random } = options;
  const sleep = options.sleep ?? defaultSleep;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const limits: BatchLimits = {
    maxRecords: options.limits?.maxRecords ?? MAX_RECORDS_PER_PUSH,
    maxBytes: options.limits?.maxBytes ?? MAX_PUSH_BYTES - BODY_HEADROOM_BYTES,
  };
  const client = createRegistryClient({
    baseUrl: options.baseUrl ?? '',
    fetch: options.fetch,
    now,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  });
  const report = createReportSource({
    db,
    now,
    appVersion: options.appVersion ?? APP_VERSION,
    storagePersisted: options.storagePersisted ?? browserStoragePersisted,
  });
  const owner = `runner-${Math.floor(random() * 2 ** 48).toString(36)}`;
  const lockManager = options.locks === undefined ? browserLockManager() : options.locks;
  const lock: RunnerLock = lockManager
    ? webLocksRunnerLock(lockManager)
    : metaLeaseRunnerLock({ db, owner, now, leaseMs });
  const store = createStatusStore();
  const liveSnapshot = createLiveSnapshot(db, (snapshot) => store.update(snapshot));

  let inFlight: Promise<SyncOutcome> | undefined;
  let loop: Promise<void> | undefined;
  let isRerunWanted = false;
  let isStopped = false;
  let failures = 0;
  let notBefore = 0;
  let wake: AbortController | undefined;
  /** An urgent trigger came while a run was going (no wait to cut yet): the next wait is skipped. */
  let isUrgentPending = false;
  let isStarted = false;

  const iso = () => new Date(now()).toISOString();

  async function refresh(): Promise<void> {
    store.update(await readSyncSnapshot(db));
  }

  async function failed(failure: CallFailure): Promise<SyncOutcome> {
    store.update({ lastError: failure.code, ...(NETWORK_DOWN.has(failure.code) && { isOnline: false }) });
    if (failure.code !== 'unauthorized' && failure.code !== 'device_revoked')
      return { kind: 'failed', failure };
    await storeAuthProblem(db, failure.code);
    store.update({ needsEnrollment: true });
    return { kind: 'needs_enrollment' };
  }

  async function runLocked(token: string): Promise<SyncOutcome> {
    const locked = await lock.runExclusive((renew) =>
      runSync({
        db,
        client,
        token,
        now,
        leaseMs,
        limits,
        renew,
        onProgress: (progress) => store.update({ progress }),
        report,
      }),
    );
    if (!locked.acquired) return { kind: 'busy' };
    const result = locked.value;
    if (!result.ok) return result.failure.code === 'busy' ? { kind: 'busy' } : failed(result.failure);
    const lastSuccessAt = iso();
    await storeLastSuccessAt(db, lastSuccessAt);
    store.update({ lastSuccessAt, lastError: undefined, isOnline: true });
    return { kind: 'synced', pushed: result.pushed, parked: result.parked, pulled: result.pulled };
  }

  async function runOnce(): Promise<SyncOutcome> {
    try {
      const [credentials, authProblem] = await Promise.all([loadCredentials(db), loadAuthProblem(db)]);
      if (!credentials) return { kind: 'not_enrolled' };
      if (authProblem) return { kind: 'needs_enrollment' };
      store.update({ isRunning: true, isEnrolled: true });
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

  /** How long to wait before the next attempt, or undefined to stop until the next trigger. */
  function retryDelay(outcome: SyncOutcome): number | undefined {
    if (outcome.kind !== 'failed') {
      if (outcome.kind === 'synced') failures = 0;
      return undefined;
    }
    const { failure } = outcome;
    if (failure.code === 'payload_too_large' && limits.maxRecords > 1) {
      limits.maxRecords = Math.max(1, Math.floor(limits.maxRecords / 2));
      return 0;
    }
    if (!failure.isTransient) return undefined;
    failures += 1;
    const delay = backoffDelay(failures, random, options.backoff ?? DEFAULT_BACKOFF, failure.retryAfterMs);
    notBefore = now() + (failure.retryAfterMs ?? 0);
    return delay;
  }

  async function waitForRetry(delay: number): Promise<void> {
    if (isUrgentPending && now() >= notBefore) return;
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
      const delay = retryDelay(await syncOnce());
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
      if (now() >= notBefore) wake?.abort();
    }
    loop ??= runLoop()
      .catch(() => undefined)
      .finally(() => (loop = undefined));
  }

  async function enroll(code: string): Promise<EnrollResult> {
    const result = await client.enroll(code.trim());
    if (!result.ok) return { ok: false, code: result.failure.code };
    await storeCredentials(db, { ...result.value, enrolledAt: iso() });
    store.update({ isEnrolled: true, needsEnrollment: false, lastError: undefined });
    requestSync('enrolled');
    return { ok: true, deviceId: result.value.deviceId };
  }

  return {
    status: { get: store.get, subscribe: store.subscribe },
    async start() {
      isStopped = false;
      // Claims left by a tab that closed mid-push go back to the queue now, not only at the next claim.
      await releaseExpiredLeases(db, now(), leaseMs).catch(() => undefined);
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
