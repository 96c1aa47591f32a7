/**
 * National volume on PostgreSQL (`npm run bench -- --only national [--national-size N]`, default 10
 * million; not part of the default run: the load alone takes many minutes). Loads synthetic, valid
 * registrations over all 83,762 kelurahan/desa codes (national-load.ts), then measures with the
 * registry's own service functions and HTTP routes:
 *   - coverage counts for the whole country, one province and one kelurahan (≤ 300 ms each);
 *   - the review queue's first page for one kelurahan (≤ 100 ms);
 *   - one phone's pull page (≤ 50 ms);
 *   - the export streamed, rows/s (≥ 50,000);
 *   - ingest of 500-record batches at that size against multi-row INSERTs into the same table (≥ 0.5×).
 * The figures are written to bench/national.md, which BENCHMARKS.md includes.
 */
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/server/db/connect';
import type { Database } from '../src/server/db/schema';
import { readChanges } from '../src/server/services/changes';
import { readCoverageCounts } from '../src/server/services/coverage-data';
import { exportPages, exportRow } from '../src/server/services/export';
import { searchRegistrations } from '../src/server/services/registrations';
import { RegistrationSchema } from '../src/shared/registration';
import { startPostgres } from '../test/helpers/postgres';
import { startRegistry } from '../test/helpers/registry';
import { makeRecords, pushAll, rawPostgres, rawRow } from './ingest';
import { loadNationalRegistry, readNationalKelurahan } from './national-load';
import type { ResultRow } from './report';
import { median, percentile, perSecond } from './stats';

const REPEATS = 30;
const EXPORT_ROWS = 500_000;
const INGEST_RECORDS = 10_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function timings(run: () => Promise<unknown>, repeats = REPEATS): Promise<number[]> {
  await run(); // warm: the first run pays for the plan and cold pages
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

function latencyRow(benchmark: string, measure: string, ms: number[], goalMs: number): ResultRow {
  const p95 = percentile(ms, 95);
  return {
    benchmark,
    measure: `${measure}, p50 / p95 (${ms.length} runs)`,
    value: `${median(ms).toFixed(1)} / ${p95.toFixed(1)} ms`,
    goal: `p95 ≤ ${goalMs} ms`,
    isMet: p95 <= goalMs,
  };
}

/** Every sampled row's JSON passes the shared schema: the load made valid registrations. */
async function checkSample(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('registrations').select('data').limit(1_000).execute();
  const bad = rows.find((r) => !RegistrationSchema.safeParse(JSON.parse(r.data)).success);
  if (bad) throw new Error(`national: a loaded row is not a valid registration: ${bad.data}`);
}

async function readRows(db: Kysely<Database>, size: number): Promise<ResultRow[]> {
  const label = `National ${fmt(size)} (PostgreSQL)`;
  const kelurahan = '3573051001'; // Dinoyo-like: any code has size / 83,762 rows
  const rows = [
    latencyRow(label, 'coverage counts, whole country', await timings(() => readCoverageCounts(db, '')), 300),
    latencyRow(
      label,
      'coverage counts, one province (35)',
      await timings(() => readCoverageCounts(db, '35')),
      300,
    ),
    latencyRow(
      label,
      'coverage counts, one kelurahan',
      await timings(() => readCoverageCounts(db, kelurahan)),
      300,
    ),
  ];
  const queue = { kelurahan: [kelurahan], status: 'received', sort: 'oldest', limit: 25, offset: 0 } as const;
  rows.push(
    latencyRow(
      label,
      'review queue, first page, one kelurahan',
      await timings(() => searchRegistrations(db, queue)),
      100,
    ),
  );
  rows.push(
    latencyRow(
      label,
      'pull page, one phone',
      await timings(() => readChanges(db, `dev-${kelurahan}`, 0)),
      50,
    ),
  );
  return rows;
}

async function exportRowCount(db: Kysely<Database>, size: number): Promise<ResultRow> {
  const started = performance.now();
  let count = 0;
  let bytes = 0;
  for await (const page of exportPages(db, { kelurahan: null, statuses: [] })) {
    for (const row of page) bytes += exportRow(row).length;
    count += page.length;
    if (count >= EXPORT_ROWS) break;
  }
  const rate = perSecond(count, performance.now() - started);
  return {
    benchmark: `National ${fmt(size)} (PostgreSQL)`,
    measure: `export streamed (CSV rows built), first ${fmt(count)} rows, ${fmt(bytes / 1e6)} MB`,
    value: `${fmt(rate)} rows/s`,
    goal: '≥ 50,000 rows/s',
    isMet: rate >= 50_000,
  };
}

/** Pushes through the registry and raw INSERTs take turns, different people, into the same big table. */
async function ingestRow(url: string, size: number): Promise<ResultRow> {
  const serialFrom = (offset: number) => (r: ReturnType<typeof makeRecords>[number]) => ({
    ...r,
    nik: r.nik.slice(0, 12) + String(Number(r.nik.slice(12)) + offset).padStart(4, '0'),
  });
  const pushed = makeRecords(INGEST_RECORDS, 11).map(serialFrom(5_000));
  const now = new Date().toISOString();
  const raw = makeRecords(INGEST_RECORDS, 12)
    .map(serialFrom(7_000))
    .map((r) => rawRow(r, now));
  const registry = await startRegistry({ databaseUrl: url });
  const writer = await rawPostgres(url);
  try {
    const { token } = await registry.enroll();
    let serverMs = 0;
    let rawMs = 0;
    for (let start = 0; start < INGEST_RECORDS; start += INGEST_RECORDS / 4) {
      serverMs += await pushAll(registry, token, pushed.slice(start, start + INGEST_RECORDS / 4));
      rawMs += await writer.write(raw.slice(start, start + INGEST_RECORDS / 4));
    }
    const [server, rawRate] = [perSecond(INGEST_RECORDS, serverMs), perSecond(INGEST_RECORDS, rawMs)];
    return {
      benchmark: `National ${fmt(size)} (PostgreSQL)`,
      measure: `ingest: POST /sync/push, batches of 500, ${fmt(INGEST_RECORDS)} records`,
      value: `${fmt(server)} rec/s`,
      baseline: `multi-row INSERT per 500: ${fmt(rawRate)} rec/s`,
      ratio: `${(server / rawRate).toFixed(2)}× raw`,
      goal: '≥ 0.5× raw',
      isMet: server / rawRate >= 0.5,
    };
  } finally {
    await writer.close();
    await registry.close();
  }
}

export async function benchNational(size: number, log: (line: string) => void): Promise<ResultRow[]> {
  const kelurahan = readNationalKelurahan();
  log(`national: ${fmt(size)} registrations over ${fmt(kelurahan.length)} kelurahan/desa`);
  const server = await startPostgres();
  try {
    const url = await server.createDatabase();
    const store = await openDatabase(url); // migrates
    try {
      const loadMs = await loadNationalRegistry(url, size, kelurahan, log);
      log(`national: loaded in ${(loadMs / 1000).toFixed(0)} s`);
      await checkSample(store.db);
      const rows = [...(await readRows(store.db, size)), await exportRowCount(store.db, size)];
      log('national: reads measured; ingest at size');
      rows.push(await ingestRow(url, size));
      return rows;
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}
