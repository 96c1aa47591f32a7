/**
 * Ingest suites: two databases of the same engine, one fed whole batches and one fed the same records
 * one at a time, so a batch's answers and rows can be compared with sequential judging.
 */
import { openDatabase, type RegistryDb } from '../../src/server/db/connect';
import type { RegistrationRow } from '../../src/server/db/schema';
import { ingestBatch, type IngestContext } from '../../src/server/services/ingest';
import { setRegistrationStatus } from '../../src/server/services/status';
import type { PushResult } from '../../src/shared/sync-protocol';
import { NOW, TODAY } from '../fixtures/registrations';

export const DEVICES = ['phone-a', 'phone-b'] as const;
export type DeviceId = (typeof DEVICES)[number];
/** Both phones work in Blimbing: a duplicate there is answered with where and when, elsewhere not. */
export const DEVICE_KELURAHAN = '3573011005';

export function contextFor(deviceId: DeviceId): IngestContext {
  return { deviceId, deviceKelurahanKode: DEVICE_KELURAHAN, now: NOW, validation: { today: TODAY } };
}

export async function openStore(databaseUrl: string): Promise<RegistryDb> {
  const store = await openDatabase(databaseUrl);
  await store.db
    .insertInto('devices')
    .values(DEVICES.map((id) => ({ id, name: id, created_at: NOW })))
    .execute();
  return store;
}

export interface Twin {
  batched: RegistryDb;
  oneByOne: RegistryDb;
  /** The batch to the first database, each record alone (in order) to the second. */
  push(
    deviceId: DeviceId,
    records: readonly unknown[],
  ): Promise<{ batched: PushResult[]; oneByOne: PushResult[] }>;
  reject(id: string): Promise<void>;
  /** Both databases' rows for these ids, every column, by id. */
  rows(ids: readonly string[]): Promise<{ batched: RegistrationRow[]; oneByOne: RegistrationRow[] }>;
  close(): Promise<void>;
}

async function rowsOf(store: RegistryDb, ids: readonly string[]): Promise<RegistrationRow[]> {
  if (ids.length === 0) return [];
  return store.db.selectFrom('registrations').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function openTwin(newDatabaseUrl: () => Promise<string>): Promise<Twin> {
  const batched = await openStore(await newDatabaseUrl());
  const oneByOne = await openStore(await newDatabaseUrl());
  return {
    batched,
    oneByOne,
    async push(deviceId, records) {
      const ctx = contextFor(deviceId);
      const batchResults = await ingestBatch(batched, records, ctx);
      const singleResults: PushResult[] = [];
      for (const record of records) singleResults.push(...(await ingestBatch(oneByOne, [record], ctx)));
      return { batched: batchResults, oneByOne: singleResults };
    },
    async reject(id) {
      const change = { id, status: 'rejected' as const, reason: 'Foto KTP buram' };
      await setRegistrationStatus(batched, NOW, 'test', change);
      await setRegistrationStatus(oneByOne, NOW, 'test', change);
    },
    async rows(ids) {
      return { batched: await rowsOf(batched, ids), oneByOne: await rowsOf(oneByOne, ids) };
    },
    async close() {
      await batched.close();
      await oneByOne.close();
    },
  };
}
