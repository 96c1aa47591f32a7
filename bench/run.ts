/**
 * `npm run bench`: every benchmark in one run, one table, written with the machine's description to
 * BENCHMARKS.md.
 *
 *   npm run bench                 full sizes (26,400 saves and syncs; search at 26,400 and 100,000)
 *   npm run bench -- --quick      small sizes while developing (does not write BENCHMARKS.md)
 *   npm run bench -- --only save,search,sync,ingest,load,scale
 *   npm run bench -- --profile    also write the page's CPU profiles to test-output/bench-profiles/
 *   npm run bench -- --only lighthouse
 *                                 Lighthouse 12.2.3, mobile preset, performance (never in the default run)
 *   npm run bench -- --only national [--national-size N]
 *                                 10 million registrations on PostgreSQL (never in the default run);
 *                                 its table goes to bench/national.md, which BENCHMARKS.md includes
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runBrowserSuites, type BrowserSizes } from './browser-suites';
import { buildBenchPage, chromiumVersion, REPO_ROOT } from './chromium';
import { benchIngestPostgres, benchIngestSqlite } from './ingest';
import { benchLighthouse } from './lighthouse';
import { benchLoadWeight } from './load-weight';
import { benchNational } from './national';
import { describeMachine } from './machine';
import { markdownTable, machineLines, writeBenchmarksMd, type ResultRow } from './report';
import { benchScale } from './scale';

const SUITES = ['save', 'search', 'sync', 'ingest', 'load', 'scale'] as const;
type Suite = (typeof SUITES)[number] | 'national' | 'lighthouse';

const argv = process.argv.slice(2);
const isQuick = argv.includes('--quick');
const isProfiling = argv.includes('--profile');
const onlyArg = argv[argv.indexOf('--only') + 1];
const only = new Set<Suite>(
  argv.includes('--only') && onlyArg ? (onlyArg.split(',') as Suite[]) : [...SUITES],
);

const FULL = {
  saves: 26_400,
  searchSizes: [26_400, 100_000],
  // Per kind and size; every query at 100,000 records costs up to a second today, see BENCHMARKS.md.
  searchQueries: 120,
  syncRecords: 26_400,
  ingest: 26_400,
  coldStarts: 5,
  scale: { bulkRecords: 10_000, phones: [10, 50, 200], phaseMs: 8_000 },
};
const QUICK = {
  saves: 2_000,
  searchSizes: [2_000, 10_000],
  searchQueries: 60,
  syncRecords: 2_000,
  ingest: 2_000,
  coldStarts: 2,
  scale: { bulkRecords: 2_000, phones: [10, 50], phaseMs: 3_000 },
};
const sizes = isQuick ? QUICK : FULL;
const nationalSizeArg = argv[argv.indexOf('--national-size') + 1];
const NATIONAL_SIZE = argv.includes('--national-size') ? Number(nationalSizeArg) : 10_000_000;

const startedAt = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function browserRows(): Promise<ResultRow[]> {
  if (!only.has('save') && !only.has('search') && !only.has('sync')) return [];
  const pageDir = await buildBenchPage();
  const browserSizes: BrowserSizes = {
    saves: only.has('save') ? sizes.saves : 0,
    searchSizes: only.has('search') ? sizes.searchSizes : [],
    searchQueries: sizes.searchQueries,
    syncRecords: only.has('sync') ? sizes.syncRecords : 0,
  };
  try {
    return await runBrowserSuites(pageDir, browserSizes, log, isProfiling);
  } finally {
    rmSync(pageDir, { recursive: true, force: true });
  }
}

async function ingestRows(): Promise<ResultRow[]> {
  if (!only.has('ingest')) return [];
  log(`ingest: ${sizes.ingest} records, SQLite`);
  const rows = [await benchIngestSqlite(sizes.ingest)];
  log(`ingest: ${sizes.ingest} records, PostgreSQL`);
  const postgres = await benchIngestPostgres(sizes.ingest);
  if (postgres) rows.push(postgres);
  else log('PostgreSQL binaries not found: PostgreSQL ingest skipped');
  return rows;
}

/** The national run stands alone: its table and the machine go to bench/national.md. */
async function nationalOnly(): Promise<void> {
  const machine = describeMachine(await chromiumVersion());
  const rows = await benchNational(NATIONAL_SIZE, log);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
  const table = markdownTable(rows);
  console.log(`\n${table}\n`);
  if (isQuick || NATIONAL_SIZE < 10_000_000) return console.log('(smaller than national: not recorded)');
  const lines = [
    '## National volume on PostgreSQL (`npm run bench -- --only national`)',
    '',
    ...machineLines(machine),
    `- Whole run ${seconds} s; load average at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
    '',
    table,
  ];
  writeFileSync(join(REPO_ROOT, 'bench', 'national.md'), `${lines.join('\n')}\n`);
  console.log('written to bench/national.md');
}

async function main(): Promise<void> {
  if (only.has('national')) return nationalOnly();
  const machine = describeMachine(await chromiumVersion());
  for (const line of machineLines(machine)) console.log(line);
  const rows = [
    ...(await browserRows()),
    ...(await ingestRows()),
    ...(only.has('load') ? await benchLoadWeight(sizes.coldStarts, log, isProfiling) : []),
    ...(only.has('scale') ? await benchScale(sizes.scale, log) : []),
    ...(only.has('lighthouse') ? await benchLighthouse(log) : []),
  ];
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(`\n${markdownTable(rows)}\n`);
  log('done');
  if (isQuick || only.size < SUITES.length) {
    console.log('(partial or --quick run: BENCHMARKS.md left as it was)');
    return;
  }
  const notes = [
    `Load average (1/5/15 min) at the end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
  ];
  const nationalPath = join(REPO_ROOT, 'bench', 'national.md');
  const national = existsSync(nationalPath) ? `${readFileSync(nationalPath, 'utf8')}\n` : '';
  const findings = national + readFileSync(join(REPO_ROOT, 'bench', 'findings.md'), 'utf8');
  writeBenchmarksMd(join(REPO_ROOT, 'BENCHMARKS.md'), {
    machine,
    rows,
    mode: 'full',
    seconds,
    notes,
    findings,
  });
  console.log('written to BENCHMARKS.md');
}

await main();
