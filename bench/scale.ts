/**
 * Scale-out on PostgreSQL, the figures behind the capacity model in src/server/README.md. Registry
 * instances run as real processes (`src/server/main.ts`, as `npm start` runs them) on one throwaway
 * PostgreSQL cluster with fsync ON (durable commits, unlike the test clusters); phones are simulated
 * from this process over HTTP.
 *
 * 1. Bulk ingest per instance: one phone catching up, batches of MAX_RECORDS_PER_PUSH → records/s.
 * 2. Push latency under N concurrent phones: each phone, in a closed loop with no pause, pushes a batch
 *    of PUSH_RECORDS new records, waits for the answer and pushes the next, for PHASE_MS. That is every
 *    phone syncing at once without end — far harsher than the field, where a volunteer saves one person
 *    every few minutes — so p99 here is mostly queueing (Little's law: latency ≈ phones / throughput).
 * 3. The largest level again on two instances, requests alternating between them (a round-robin
 *    balancer). On this 2-core machine both instances, PostgreSQL and the phones share the same cores.
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { MAX_RECORDS_PER_PUSH, PROTOCOL_VERSION, type PushResponse } from '../src/shared/sync-protocol';
import type { Registration } from '../src/shared/registration';
import { openDatabase } from '../src/server/db/connect';
import { createEnrollmentCode } from '../src/server/services/devices';
import { isPostgresAvailable, startPostgres } from '../test/helpers/postgres';
import { startRegistryProcess, type RegistryProcess } from '../test/helpers/registry-process';
import { makeRecords } from './ingest';
import type { ResultRow } from './report';
import { percentile, perSecond } from './stats';

export interface ScaleSizes {
  bulkRecords: number;
  phones: number[];
  phaseMs: number;
}

const PUSH_RECORDS = 5;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface Phone {
  token: string;
}

/** Hands out fresh records (distinct NIKs) until the pool is empty. */
function recordPool(count: number) {
  const records = makeRecords(count, 17);
  let next = 0;
  return {
    take: (n: number): Registration[] => records.slice(next, (next += n)),
    isEmpty: () => next >= records.length,
  };
}

async function push(url: string, phone: Phone, records: Registration[]): Promise<number> {
  const response = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records }),
  });
  const body = (await response.json()) as PushResponse;
  const accepted = body.results?.filter((r) => r.outcome === 'accepted').length ?? 0;
  if (response.status !== 200 || accepted !== records.length)
    throw new Error(`push: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return accepted;
}

async function enrollPhones(databaseUrl: string, url: string, count: number): Promise<Phone[]> {
  const store = await openDatabase(databaseUrl);
  try {
    const phones: Phone[] = [];
    for (let i = 0; i < count; i++) {
      const { code } = await createEnrollmentCode(store.db, new Date().toISOString(), 'bench');
      const response = await fetch(`${url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      phones.push((await response.json()) as Phone);
    }
    return phones;
  } finally {
    await store.close();
  }
}

async function bulkIngest(url: string, phone: Phone, pool: ReturnType<typeof recordPool>, count: number) {
  const started = performance.now();
  for (let sent = 0; sent < count; sent += MAX_RECORDS_PER_PUSH) {
    await push(url, phone, pool.take(Math.min(MAX_RECORDS_PER_PUSH, count - sent)));
  }
  return perSecond(count, performance.now() - started);
}

/** Every phone pushes in a closed loop for `phaseMs`; requests alternate over `urls`. */
async function concurrentPushes(
  urls: string[],
  phones: Phone[],
  pool: ReturnType<typeof recordPool>,
  phaseMs: number,
) {
  const latencies: number[] = [];
  let records = 0;
  let turn = 0;
  const started = performance.now();
  const until = started + phaseMs;
  await Promise.all(
    phones.map(async (phone) => {
      while (performance.now() < until && !pool.isEmpty()) {
        const batch = pool.take(PUSH_RECORDS);
        const sentAt = performance.now();
        // Not `records += await …`: that reads `records` before the wait and loses the other phones' counts.
        const accepted = await push(urls[turn++ % urls.length]!, phone, batch);
        records += accepted;
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (pool.isEmpty()) console.warn(`scale: record pool empty after ${seconds.toFixed(1)} s`);
  return { latencies, recordsPerSecond: records / seconds, pushesPerSecond: latencies.length / seconds };
}

function latencyRow(instances: number, phones: number, run: Awaited<ReturnType<typeof concurrentPushes>>) {
  const p50 = percentile(run.latencies, 50);
  const p99 = percentile(run.latencies, 99);
  return {
    benchmark: `Push, ${phones} phones at once (PostgreSQL)`,
    measure: `${instances} instance${instances > 1 ? 's' : ''}, ${PUSH_RECORDS} records a push, closed loop: p50 / p99`,
    value: `${p50.toFixed(0)} / ${p99.toFixed(0)} ms`,
    baseline: `${fmt(run.recordsPerSecond)} rec/s, ${fmt(run.pushesPerSecond)} pushes/s`,
    goal: 'p99 ≤ 1000 ms',
    isMet: p99 <= 1000,
  } satisfies ResultRow;
}

/** PostgreSQL bytes per stored registration: every table with its indexes and TOAST, over the rows. */
async function sizePerRecord(databaseUrl: string): Promise<ResultRow> {
  const store = await openDatabase(databaseUrl);
  try {
    const { rows } = await sql<{ bytes: string; records: string }>`
      select (select sum(pg_total_relation_size(c.oid)) from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and c.relkind = 'r') as bytes,
             (select count(*) from registrations) as records`.execute(store.db);
    const { bytes, records } = rows[0]!;
    return {
      benchmark: `Database size (PostgreSQL)`,
      measure: `all tables and indexes over ${fmt(Number(records))} registrations`,
      value: `${fmt(Number(bytes) / Number(records))} bytes/record`,
      baseline: `${(Number(bytes) / 2 ** 20).toFixed(1)} MiB in all`,
    };
  } finally {
    await store.close();
  }
}

export async function benchScale(sizes: ScaleSizes, log: (line: string) => void): Promise<ResultRow[]> {
  if (!isPostgresAvailable()) {
    log('PostgreSQL binaries not found: scale-out skipped');
    return [];
  }
  const maxPhones = Math.max(...sizes.phones);
  const server = await startPostgres({ isDurable: true });
  const instances: RegistryProcess[] = [];
  try {
    const databaseUrl = await server.createDatabase();
    const env = { ENROLL_RATE_LIMIT: String(maxPhones * 2) };
    instances.push(
      await startRegistryProcess(databaseUrl, env),
      await startRegistryProcess(databaseUrl, env),
    );
    const [one, two] = instances.map((instance) => instance.url) as [string, string];
    const phones = await enrollPhones(databaseUrl, one, maxPhones);
    // Enough for ~1,500 rec/s in every phase; a phase that empties the pool ends early (and says so).
    const phases = sizes.phones.length + 1;
    const pool = recordPool(sizes.bulkRecords + Math.ceil((phases * sizes.phaseMs * 1500) / 1000));
    log(`scale: bulk ingest of ${sizes.bulkRecords} records, 1 instance`);
    const bulk = await bulkIngest(one, phones[0]!, pool, sizes.bulkRecords);
    const rows: ResultRow[] = [
      {
        benchmark: `Ingest ${fmt(sizes.bulkRecords)}, 1 instance (PostgreSQL, fsync on)`,
        measure: `registry process, 1 phone, batches of ${MAX_RECORDS_PER_PUSH}`,
        value: `${fmt(bulk)} rec/s`,
      },
    ];
    for (const count of sizes.phones) {
      log(`scale: ${count} phones pushing at once, 1 instance`);
      rows.push(
        latencyRow(1, count, await concurrentPushes([one], phones.slice(0, count), pool, sizes.phaseMs)),
      );
    }
    log(`scale: ${maxPhones} phones pushing at once, 2 instances`);
    rows.push(latencyRow(2, maxPhones, await concurrentPushes([one, two], phones, pool, sizes.phaseMs)));
    rows.push(await sizePerRecord(databaseUrl));
    log(
      `scale: load average at the end ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ')}`,
    );
    return rows;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await server.stop();
  }
}
