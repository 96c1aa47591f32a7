/**
 * One sync runner at a time across tabs. Web Locks where the browser has them (released by the browser
 * even when a tab dies); elsewhere a lease row in `meta` that the runner renews before every batch and
 * that expires by itself. Both are "if available": a tab that finds the lock taken skips this run, since
 * the holder drains the same outbox. Correctness never depends on the lock: claims are transactional
 * and the registry is idempotent on (id, version), so two runners at once cost bandwidth, not records.
 */
import { dropRunnerLease, tryTakeRunnerLease, type JaringDb } from '../db';

export const SYNC_LOCK_NAME = 'jaring-sync';

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

export type LockedRun<T> = { acquired: true; value: T } | { acquired: false };

export interface RunnerLock {
  /** Runs `work` if no other runner holds the lock. `work` calls `renew()` before each long step. */
  runExclusive<T>(work: (renew: () => Promise<boolean>) => Promise<T>): Promise<LockedRun<T>>;
}

export function webLocksRunnerLock(locks: LockManagerLike): RunnerLock {
  return {
    runExclusive: (work) =>
      locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
        if (!lock) return { acquired: false } as const;
        return { acquired: true, value: await work(async () => true) } as const;
      }),
  };
}

export interface LeaseLockOptions {
  /** The connection to write the lease with, asked at each use (the engine's bookkeeping one). */
  dbOf: () => JaringDb;
  owner: string;
  now: () => number;
  leaseMs: number;
}

export function metaLeaseRunnerLock({ dbOf, owner, now, leaseMs }: LeaseLockOptions): RunnerLock {
  const renew = () => tryTakeRunnerLease(dbOf(), owner, now(), leaseMs);
  return {
    async runExclusive(work) {
      if (!(await renew())) return { acquired: false };
      try {
        return { acquired: true, value: await work(renew) };
      } finally {
        await dropRunnerLease(dbOf(), owner).catch(() => undefined);
      }
    },
  };
}

/** navigator.locks when present (not in Node 20, nor in some older browsers). */
export function browserLockManager(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}
