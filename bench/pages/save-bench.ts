/**
 * Save path in the browser: the app's `saveNewRegistration` (validation + record + outbox entry, one
 * strict transaction each) against plain IndexedDB puts of the very objects it wrote (record + outbox
 * entry), one transaction per record and one for all, and the same per-record puts without the
 * records' search keys (what the `searchKeys` index costs on every save). They run interleaved in
 * rounds so that load from other processes falls on all of them alike.
 */
import { openJaringDb, saveNewRegistration, type StoredRegistration } from '../../src/client/db';
import { makePeople } from './people';
import { deleteDatabase, openNative, putInOneTransaction } from './raw-idb';
import { toOutboxEntry } from './stored-rows';

export interface SaveBenchResult {
  records: number;
  appMs: number;
  rawPerRecordMs: number;
  /** Per-record puts of the records without `searchKeys`: no entries in that index. */
  rawWithoutKeysMs: number;
  rawOneTransactionMs: number;
  /** Saves the app refused (must be 0: every generated person is valid and unique). */
  refused: number;
}

const STORES = ['registrations', 'outbox'];

/** A fresh database with the app's schema (made by Dexie), reopened natively. */
async function freshNativeDb(name: string): Promise<IDBDatabase> {
  await deleteDatabase(name);
  const schemaMaker = openJaringDb(name);
  await schemaMaker.open();
  schemaMaker.close();
  return openNative(name);
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function runSaveBench(count: number, seed: number, rounds = 10): Promise<SaveBenchResult> {
  await deleteDatabase('bench-save-app');
  const app = openJaringDb('bench-save-app');
  await app.open();
  const rawEach = await freshNativeDb('bench-save-raw-each');
  const rawAll = await freshNativeDb('bench-save-raw-all');
  const rawWithoutKeys = await freshNativeDb('bench-save-raw-without-keys');
  const people = makePeople(count, seed, new Date().toISOString());
  const saved: StoredRegistration[] = [];
  const result = {
    records: count,
    appMs: 0,
    rawPerRecordMs: 0,
    rawWithoutKeysMs: 0,
    rawOneTransactionMs: 0,
    refused: 0,
  };
  const chunk = Math.ceil(count / rounds);
  for (let start = 0; start < count; start += chunk) {
    const round: StoredRegistration[] = [];
    result.appMs += await timed(async () => {
      for (const person of people.slice(start, start + chunk)) {
        const outcome = await saveNewRegistration(app, person, {
          now: new Date(),
          newId: () => crypto.randomUUID(),
        });
        if (outcome.ok) round.push(outcome.record);
        else result.refused += 1;
      }
    });
    result.rawPerRecordMs += await timed(async () => {
      for (const record of round)
        await putInOneTransaction(rawEach, STORES, [[record], [toOutboxEntry(record)]]);
    });
    result.rawWithoutKeysMs += await timed(async () => {
      for (const { searchKeys: _keys, ...record } of round)
        await putInOneTransaction(rawWithoutKeys, STORES, [[record], [toOutboxEntry(record)]]);
    });
    saved.push(...round);
  }
  const entries = saved.map(toOutboxEntry);
  result.rawOneTransactionMs = await timed(() => putInOneTransaction(rawAll, STORES, [saved, entries]));
  app.close();
  rawEach.close();
  rawAll.close();
  rawWithoutKeys.close();
  return result;
}
