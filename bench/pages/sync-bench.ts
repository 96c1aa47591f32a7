/**
 * Sync in the browser: an outbox of N pending records (filled with raw bulk puts), drained to the
 * registry that serves this page, by the app's real sync engine with the browser's fetch, clock and
 * Web Locks — as the app makes it, minus the triggers.
 */
import { openJaringDb, type JaringDb } from '../../src/client/db';
import { createSyncEngine } from '../../src/client/sync/sync-engine';
import { makePeople } from './people';
import { deleteDatabase } from './raw-idb';
import { toOutboxEntry, toStoredRow } from './stored-rows';

export interface SyncBenchResult {
  records: number;
  ms: number;
  pushed: number;
  left: number;
  runs: number;
  /** Time spent inside fetch (the registry working, plus loopback HTTP); the rest is the phone's. */
  fetchMs: number;
  requests: number;
}

const DB_NAME = 'bench-sync';
let db: JaringDb | undefined;

export async function fillOutbox(count: number, seed: number): Promise<void> {
  await deleteDatabase(DB_NAME);
  db = openJaringDb(DB_NAME);
  const at = new Date();
  const rows = makePeople(count, seed, at.toISOString()).map((p) => toStoredRow(p, crypto.randomUUID(), at));
  await db.transaction('rw', [db.registrations, db.outbox], async () => {
    await db!.registrations.bulkPut(rows);
    await db!.outbox.bulkPut(rows.map(toOutboxEntry));
  });
}

/** Enrolls with `code` (which starts the first run, as in the app) and syncs until the outbox is empty. */
export async function syncEverything(code: string): Promise<SyncBenchResult> {
  let fetchMs = 0;
  let requests = 0;
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      await response.clone().arrayBuffer(); // the body too: the registry's answer is part of its time
      return response;
    } finally {
      fetchMs += performance.now() - started;
      requests += 1;
    }
  };
  const engine = createSyncEngine({
    db: db!,
    fetch: timedFetch,
    now: () => Date.now(),
    random: Math.random,
  });
  await engine.start(); // as the app does: the live sync status is on, as under the sync bar
  const records = await db!.outbox.count();
  const started = performance.now();
  const enrolled = await engine.enroll(code);
  if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.code}`);
  let runs = 0;
  let pushed = 0;
  await engine.whenIdle();
  while ((await db!.outbox.count()) > 0 && runs < 10) {
    const outcome = await engine.syncOnce();
    runs += 1;
    if (outcome.kind !== 'synced') throw new Error(`sync ${outcome.kind}: ${JSON.stringify(outcome)}`);
    pushed += outcome.pushed;
  }
  const ms = performance.now() - started;
  engine.stop();
  const left = await db!.outbox.count();
  db!.close();
  return { records, ms, pushed, left, runs, fetchMs, requests };
}
