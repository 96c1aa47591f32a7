/**
 * Sync in the browser: an outbox of N pending records (filled with raw bulk puts), drained to the
 * registry that serves this page, by the app's real sync engine with the browser's fetch, clock and
 * Web Locks — as the app makes it, minus the triggers.
 *
 * Its baseline, in the same page and run: what the storage must do at least to settle the same
 * records — one plain IndexedDB transaction that writes every record as synced (all its indexes) and
 * deletes its outbox entry. The runner takes it before and after the sync, so drifting load falls on
 * both alike.
 */
import { openJaringDb, type JaringDb, type StoredRegistration } from '../../src/client/db';
import { withSearchKeys } from '../../src/client/db/search-keys';
import { createSyncEngine } from '../../src/client/sync/sync-engine';
import { makePeople } from './people';
import { deleteDatabase, openNative, putAndDeleteInOneTransaction } from './raw-idb';
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
const RAW_DB_NAME = 'bench-sync-raw';
let db: JaringDb | undefined;

function pendingRows(count: number, seed: number): StoredRegistration[] {
  const at = new Date();
  return makePeople(count, seed, at.toISOString()).map((p) => toStoredRow(p, crypto.randomUUID(), at));
}

async function fillDatabase(name: string, rows: StoredRegistration[]): Promise<JaringDb> {
  await deleteDatabase(name);
  const filled = openJaringDb(name);
  await filled.transaction('rw', [filled.registrations, filled.outbox], async () => {
    await filled.registrations.bulkPut(rows);
    await filled.outbox.bulkPut(rows.map(toOutboxEntry));
  });
  return filled;
}

export async function fillOutbox(count: number, seed: number): Promise<void> {
  db = await fillDatabase(DB_NAME, pendingRows(count, seed));
}

/**
 * The raw baseline: a database filled like the app's (same schema, same pending rows), then, timed,
 * strict transactions that put every record as a sync leaves it (sent, acknowledged, with its search
 * keys) and delete every outbox entry: `batch` records a transaction (all in one when it is at least
 * `count`). Returns the milliseconds of those transactions.
 */
export async function rawSettleEverything(count: number, seed: number, batch: number): Promise<number> {
  const rows = pendingRows(count, seed);
  (await fillDatabase(RAW_DB_NAME, rows)).close();
  const lastSyncedAt = new Date().toISOString();
  const settled = rows.map((row) =>
    withSearchKeys({
      ...row,
      syncState: 'sent' as const,
      serverStatus: 'received' as const,
      sentVersion: row.version,
      lastSyncedAt,
    }),
  );
  const native = await openNative(RAW_DB_NAME);
  const started = performance.now();
  for (let start = 0; start < count; start += batch) {
    const part = settled.slice(start, start + batch);
    await putAndDeleteInOneTransaction(
      native,
      { store: 'registrations', rows: part },
      { store: 'outbox', keys: part.map((row) => row.id) },
    );
  }
  const ms = performance.now() - started;
  native.close();
  await deleteDatabase(RAW_DB_NAME);
  return ms;
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
