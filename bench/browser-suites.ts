/**
 * The Chromium benchmarks (save path, search, sync), driven from Node: each in a browser of its own
 * on a fresh profile, the benchmark page served by a real registry (so the sync engine talks to its
 * own origin), each benchmark timed inside the page with performance.now().
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { MAX_RECORDS_PER_PUSH } from '../src/shared/sync-protocol';
import { startRegistry } from '../test/helpers/registry';
import type { JaringBenchApi } from './pages/main';
import type { SearchTimings } from './pages/search-bench';
import { launchChromium, REPO_ROOT } from './chromium';
import type { ResultRow } from './report';
import { percentile, perSecond } from './stats';

declare global {
  interface Window {
    jaringBench: JaringBenchApi;
  }
}

/** Where `--profile` writes the page's CPU profiles (open them in Chrome DevTools → Performance). */
export const PROFILE_DIR = join(REPO_ROOT, 'test-output', 'bench-profiles');

/** Runs `work` under the CDP sampling profiler when `cdp` is given, saving `<name>.cpuprofile`. */
async function profiled<T>(cdp: CDPSession | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!cdp) return work();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

export interface BrowserSizes {
  saves: number;
  searchSizes: number[];
  searchQueries: number;
  syncRecords: number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function benchSave(page: Page, count: number): Promise<ResultRow[]> {
  const r = await page.evaluate((n) => window.jaringBench.runSaveBench(n, 1), count);
  if (r.refused > 0) throw new Error(`the app refused ${r.refused} of ${count} generated registrations`);
  const app = perSecond(count, r.appMs);
  const rawEach = perSecond(count, r.rawPerRecordMs);
  const rawAll = perSecond(count, r.rawOneTransactionMs);
  const rawWithoutKeys = perSecond(count, r.rawWithoutKeysMs);
  const name = `Save ${fmt(count)} (Chromium)`;
  return [
    {
      benchmark: name,
      measure: 'app saveNewRegistration, 1 tx each',
      value: `${fmt(app)} rec/s`,
      baseline: `raw put ×2, 1 tx each: ${fmt(rawEach)} rec/s`,
      ratio: `${fmt(rawEach / app, 2)}× slower`,
      goal: '≤ 1.5×',
      isMet: rawEach / app <= 1.5,
    },
    {
      benchmark: name,
      measure: 'raw put ×2, 1 tx each, records without their search keys',
      value: `${fmt(rawWithoutKeys)} rec/s`,
      ratio: `search keys cost ${fmt(rawWithoutKeys / rawEach, 2)}×`,
    },
    {
      benchmark: name,
      measure: 'raw put ×2, 1 tx for all',
      value: `${fmt(rawAll)} rec/s`,
      ratio: `app ${fmt(rawAll / app, 1)}× slower`,
    },
  ];
}

function searchRows(t: SearchTimings): ResultRow[] {
  const isGoalSize = t.records >= 100_000;
  const row = (kind: string, ms: number[], hits: number): ResultRow => {
    const p95 = percentile(ms, 95);
    return {
      benchmark: `Search ${fmt(t.records)} (Chromium)`,
      measure: `${kind} prefix, p50 / p95 (${ms.length} queries, ${fmt(hits, 1)} rows avg)`,
      value: `${fmt(percentile(ms, 50), 1)} / ${fmt(p95, 1)} ms`,
      ...(isGoalSize && { goal: 'p95 ≤ 50 ms', isMet: p95 <= 50 }),
    };
  };
  return [row('name', t.nameMs, t.nameHits), row('NIK', t.nikMs, t.nikHits)];
}

async function benchSearch(page: Page, sizes: number[], queries: number): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  await page.evaluate((max) => window.jaringBench.prepareSearch(max, 2), Math.max(...sizes));
  for (const size of sizes) {
    await page.evaluate((n) => window.jaringBench.fillSearchTo(n), size);
    rows.push(...searchRows(await page.evaluate((q) => window.jaringBench.runSearch(q, 3), queries)));
  }
  await page.evaluate(() => window.jaringBench.closeSearch());
  return rows;
}

/**
 * The sync's raw baseline: the same records put as synced and their outbox entries deleted with plain
 * IndexedDB, in one transaction and in the app's batch size (the faster of the two is the baseline).
 */
async function rawSettle(page: Page, count: number, seed: number) {
  const settle = (args: readonly [number, number, number]) =>
    page.evaluate(([n, s, b]) => window.jaringBench.rawSettleEverything(n, s, b), args);
  return {
    oneTx: await settle([count, seed, count]),
    batched: await settle([count, seed + 1, MAX_RECORDS_PER_PUSH]),
  };
}

async function benchSync(
  page: Page,
  count: number,
  newCode: () => Promise<string>,
  serverRows: () => Promise<number>,
) {
  // Before and after the sync (same page, same run), so drifting load falls on all alike.
  const before = await rawSettle(page, count, 5);
  await page.evaluate((n) => window.jaringBench.fillOutbox(n, 4), count);
  const r = await page.evaluate((code) => window.jaringBench.syncEverything(code), await newCode());
  const after = await rawSettle(page, count, 7);
  const onServer = await serverRows();
  if (r.left > 0 || onServer !== count) {
    throw new Error(`sync left ${r.left} in the outbox; the registry holds ${onServer} of ${count}`);
  }
  const seconds = r.ms / 1000;
  const app = perSecond(count, r.ms);
  const oneTx = perSecond(count, (before.oneTx + after.oneTx) / 2);
  const batched = perSecond(count, (before.batched + after.batched) / 2);
  const baseline = Math.max(oneTx, batched);
  const name = `Sync ${fmt(count)} phone → registry (SQLite)`;
  const rawRow = (measure: string, ms: [number, number]): ResultRow => ({
    benchmark: name,
    measure,
    value: `${fmt(perSecond(count * 2, ms[0] + ms[1]))} rec/s`,
    baseline: `before / after the sync: ${fmt(ms[0] / 1000, 1)} s / ${fmt(ms[1] / 1000, 1)} s`,
  });
  return [
    {
      benchmark: name,
      measure: `end to end, real sync engine: ${r.runs + 1} run${r.runs > 0 ? 's' : ''}`,
      value: `${fmt(seconds, 1)} s, ${fmt(app)} rec/s`,
      baseline: `raw settle (faster of the two below): ${fmt(baseline)} rec/s`,
      ratio: `${fmt(app / baseline, 2)}× raw`,
      goal: '≥ 0.5× raw',
      isMet: app / baseline >= 0.5,
    },
    rawRow('raw put of the synced records + outbox deletes, 1 tx', [before.oneTx, after.oneTx]),
    rawRow(`the same, ${MAX_RECORDS_PER_PUSH} a tx`, [before.batched, after.batched]),
    {
      benchmark: name,
      measure: `of which inside fetch (${r.requests} requests: registry + HTTP)`,
      value: `${fmt(r.fetchMs / 1000, 1)} s`,
      baseline: `phone side (IndexedDB, engine): ${fmt((r.ms - r.fetchMs) / 1000, 1)} s`,
    },
  ] satisfies ResultRow[];
}

/**
 * Each suite in a browser of its own on a fresh profile, as a phone that has done only that: the
 * search suite writes and deletes 100,000 rows, and the storage work that leaves behind (and the
 * page's heap) slowed the sync after it in the same browser to ~0.4× raw where the sync alone ran at
 * ~0.65× (bench/findings.md). The baselines of a suite still run in its browser, in the same run.
 */
async function inFreshBrowser<T>(
  url: string,
  log: (s: string) => void,
  profileName: string | undefined,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const browser = await launchChromium();
  try {
    const { page } = browser;
    page.on('pageerror', (error) => log(`page error: ${String(error)}`));
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => document.title === 'Jaring bench: ready');
    const cdp = profileName ? await browser.context.newCDPSession(page) : undefined;
    return await profiled(cdp, profileName ?? '', () => work(page));
  } finally {
    await browser.close();
  }
}

export async function runBrowserSuites(
  pageDir: string,
  sizes: BrowserSizes,
  log: (s: string) => void,
  isProfiling = false,
) {
  const registry = await startRegistry({ staticDir: pageDir });
  const rows: ResultRow[] = [];
  const run = <T>(name: string, work: (page: Page) => Promise<T>) =>
    inFreshBrowser(registry.url, log, isProfiling ? name : undefined, work);
  try {
    if (sizes.saves > 0) {
      log(`save path: ${sizes.saves} records`);
      rows.push(...(await run('save', (page) => benchSave(page, sizes.saves))));
    }
    if (sizes.searchSizes.length > 0) {
      log(`search: ${sizes.searchSizes.join(', ')} records`);
      rows.push(
        ...(await run('search', (page) => benchSearch(page, sizes.searchSizes, sizes.searchQueries))),
      );
    }
    if (sizes.syncRecords > 0) {
      log(`sync: ${sizes.syncRecords} records`);
      const newCode = () => registry.newEnrollmentCode();
      const countRows = () => registry.countRegistrations();
      rows.push(...(await run('sync', (page) => benchSync(page, sizes.syncRecords, newCode, countRows))));
    }
  } finally {
    await registry.close();
  }
  return rows;
}
