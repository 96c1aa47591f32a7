/**
 * The runner lock for browsers without Web Locks: a lease row in `meta` that one sync runner holds at a
 * time, renews before every batch, and that expires by itself if its tab dies. Used by
 * src/client/sync/runner-lock.ts.
 */
import type { JaringDb } from './database';

/** The fallback runner lock where Web Locks are missing: a lease row in `meta`. */
export const RUNNER_LEASE_KEY = 'sync.runnerLease';

interface RunnerLease {
  owner: string;
  until: number;
}

/**
 * Takes (or renews) the runner lease if it is free, expired, ours already, or further in the future
 * than a lease can be (a clock that jumped). Atomic: one rw transaction over `meta`.
 */
export function tryTakeRunnerLease(
  db: JaringDb,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(RUNNER_LEASE_KEY);
    const lease = row?.value as RunnerLease | undefined; // only this module writes the key
    const isFree = !lease || lease.owner === owner || lease.until <= now || lease.until > now + leaseMs;
    if (isFree) await db.meta.put({ key: RUNNER_LEASE_KEY, value: { owner, until: now + leaseMs } });
    return isFree;
  });
}

export function dropRunnerLease(db: JaringDb, owner: string): Promise<void> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(RUNNER_LEASE_KEY);
    if ((row?.value as RunnerLease | undefined)?.owner === owner) await db.meta.delete(RUNNER_LEASE_KEY);
  });
}
