/**
 * What a sync engine is made of: the options it takes (everything from the outside world comes in
 * here) and the parts built from them once per instance — the registry client, the health report,
 * the runner lock, the retry policy. Stateless: `createSyncEngine` (sync-engine.ts) holds the state.
 */
import type { JaringDb } from '../db';
import { APP_VERSION } from '../app-version';
import type { BackoffPolicy } from './backoff';
import { browserStoragePersisted, createReportSource } from './device-report';
import { createRegistryClient } from './registry-client';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import {
  browserLockManager,
  metaLeaseRunnerLock,
  webLocksRunnerLock,
  type LockManagerLike,
  type RunnerLock,
} from './runner-lock';
import type { BatchLimits } from './sync-run';
import { MAX_PUSH_BYTES } from '../../shared/sync-protocol';

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
  /** Server errors in a row on a batch before it is split to find a poisoned record (3). */
  serverErrorsBeforeSplit?: number;
  /** Web Locks; undefined = the browser's if present; null = always the meta-lease fallback. */
  locks?: LockManagerLike | null;
  /** Reported to the registry with each sync; package.json's version by default. */
  appVersion?: string;
  /** Reported too; navigator.storage.persisted() by default. */
  storagePersisted?: () => Promise<boolean | undefined>;
}

export const DEFAULT_LEASE_MS = 60_000;
/** Headroom under the registry's body limit for the envelope and JSON framing. */
const BODY_HEADROOM_BYTES = 16 * 1024;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** The engine's parts, built once from its options (defaults filled in). */
export function wireEngine(options: SyncEngineOptions, onClockOffset: (offsetS: number) => void) {
  const { db, now, random } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const policy: RetryPolicy = {
    backoff: options.backoff ?? DEFAULT_RETRY_POLICY.backoff,
    serverErrorsBeforeSplit: options.serverErrorsBeforeSplit ?? DEFAULT_RETRY_POLICY.serverErrorsBeforeSplit,
  };
  const client = createRegistryClient({
    baseUrl: options.baseUrl ?? '',
    fetch: options.fetch,
    now,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    onClockOffset,
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
    : metaLeaseRunnerLock({ dbOf: () => db.forBookkeeping(), owner, now, leaseMs });
  return {
    client,
    report,
    lock,
    policy,
    leaseMs,
    sleep: options.sleep ?? defaultSleep,
    maxBytes: options.limits?.maxBytes ?? MAX_PUSH_BYTES - BODY_HEADROOM_BYTES,
  };
}
