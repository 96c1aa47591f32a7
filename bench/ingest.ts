/**
 * The registry's ingest rate: batches of MAX_RECORDS_PER_PUSH records POSTed to /api/v1/sync/push over
 * loopback (the path a phone uses: auth, JSON, validation, idempotency and NIK checks, one transaction
 * per batch),
 * against the same rows written raw — better-sqlite3 prepared inserts in one transaction per batch,
 * and PostgreSQL multi-row INSERTs — into the same schema with the same durability settings. The
 * registry and the raw writer take turns, a quarter of the records at a time, so load from other
 * processes falls on both alike.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/server/db/connect';
import type { NewRegistrationRow } from '../src/server/db/schema';
import { toRegistrationRow } from '../src/server/services/registration-row';
import type { Registration } from '../src/shared/registration';
import { MAX_RECORDS_PER_PUSH, PROTOCOL_VERSION, type PushResponse } from '../src/shared/sync-protocol';
import { isPostgresAvailable, startPostgres } from '../test/helpers/postgres';
import { startRegistry, type TestRegistry } from '../test/helpers/registry';
import { makePeople } from './pages/people';
import type { ResultRow } from './report';
import { perSecond } from './stats';

const ROUNDS = 4;
const DEVICE_ID = 'bench-device';

export function makeRecords(count: number, seed: number): Registration[] {
  const now = new Date().toISOString();
  return makePeople(count, seed, now).map((fields) => ({
    ...fields,
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
}

export function rawRow(record: Registration, now: string): NewRegistrationRow {
  return {
    ...toRegistrationRow(record, DEVICE_ID, now),
    received_at: now,
    status: 'received',
    status_reason: null,
    status_changed_at: now,
  };
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pushes like a phone, batch after batch; returns ms. Every record must come back accepted. */
export async function pushAll(
  registry: TestRegistry,
  token: string,
  records: Registration[],
): Promise<number> {
  const started = performance.now();
  for (const batch of batchesOf(records, MAX_RECORDS_PER_PUSH)) {
    const response = await fetch(`${registry.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records: batch }),
    });
    const body = (await response.json()) as PushResponse;
    const notAccepted = body.results?.filter((r) => r.outcome !== 'accepted') ?? [];
    if (response.status !== 200 || notAccepted.length > 0) {
      throw new Error(`push: ${response.status} ${JSON.stringify(notAccepted[0] ?? body)}`);
    }
  }
  return performance.now() - started;
}

/** A raw writer of registration rows: write(rows) → ms; close(). */
export interface RawWriter {
  write(rows: NewRegistrationRow[]): Promise<number>;
  close(): Promise<void>;
}

const COLUMNS = Object.keys(rawRow(makeRecords(1, 0)[0]!, '')) as (keyof NewRegistrationRow)[];

async function rawSqlite(dir: string): Promise<RawWriter> {
  const path = join(dir, 'raw.sqlite');
  await (await openDatabase(`sqlite:${path}`)).close(); // the registry's schema, migrated
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // as the registry: one fsync per committed batch
  db.pragma('foreign_keys = ON');
  db.prepare(`insert into devices (id, name, created_at) values (?, 'bench', ?)`).run(DEVICE_ID, '');
  const insert = db.prepare(
    `insert into registrations (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const insertBatch = db.transaction((rows: NewRegistrationRow[]) => {
    for (const row of rows) insert.run(row);
  });
  return {
    async write(rows) {
      const started = performance.now();
      for (const batch of batchesOf(rows, MAX_RECORDS_PER_PUSH)) insertBatch(batch);
      return performance.now() - started;
    },
    async close() {
      db.close();
    },
  };
}

export async function rawPostgres(url: string): Promise<RawWriter> {
  await (await openDatabase(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`insert into devices (id, name, created_at) values ($1, 'bench', '')`, [DEVICE_ID]);
  return {
    async write(rows) {
      const started = performance.now();
      for (const batch of batchesOf(rows, MAX_RECORDS_PER_PUSH)) {
        const values = batch.map(
          (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`,
        );
        const params = batch.flatMap((row) => COLUMNS.map((c) => row[c]));
        await client.query(
          `insert into registrations (${COLUMNS.join(', ')}) values ${values.join(', ')}`,
          params,
        );
      }
      return performance.now() - started;
    },
    close: () => client.end(),
  };
}

async function compare(
  engine: string,
  registry: TestRegistry,
  raw: RawWriter,
  count: number,
): Promise<ResultRow> {
  const records = makeRecords(count, 5);
  const now = new Date().toISOString();
  const rows = records.map((r) => rawRow(r, now));
  const { token } = await registry.enroll();
  let serverMs = 0;
  let rawMs = 0;
  const quarter = Math.ceil(count / ROUNDS);
  for (let start = 0; start < count; start += quarter) {
    serverMs += await pushAll(registry, token, records.slice(start, start + quarter));
    rawMs += await raw.write(rows.slice(start, start + quarter));
  }
  const server = perSecond(count, serverMs);
  const rawRate = perSecond(count, rawMs);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const rawWriter = engine === 'SQLite' ? 'better-sqlite3 inserts, 1 tx' : 'multi-row INSERT';
  return {
    benchmark: `Ingest ${fmt(count)} (${engine})`,
    measure: `POST /sync/push, batches of ${MAX_RECORDS_PER_PUSH}, loopback`,
    value: `${fmt(server)} rec/s`,
    baseline: `${rawWriter} per ${MAX_RECORDS_PER_PUSH}: ${fmt(rawRate)} rec/s`,
    ratio: `${(server / rawRate).toFixed(2)}× raw`,
    goal: '≥ 0.5× raw',
    isMet: server / rawRate >= 0.5,
  };
}

export async function benchIngestSqlite(count: number): Promise<ResultRow> {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-bench-sqlite-'));
  const registry = await startRegistry();
  const raw = await rawSqlite(dir);
  try {
    return await compare('SQLite', registry, raw, count);
  } finally {
    await raw.close();
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngestPostgres(count: number): Promise<ResultRow | undefined> {
  if (!isPostgresAvailable()) return undefined;
  const server = await startPostgres();
  try {
    const registry = await startRegistry({ databaseUrl: await server.createDatabase() });
    const raw = await rawPostgres(await server.createDatabase());
    try {
      return await compare('PostgreSQL', registry, raw, count);
    } finally {
      await raw.close();
      await registry.close();
    }
  } finally {
    await server.stop();
  }
}
