/**
 * Lighthouse (12.2.3, the last to run on Node 20) on the built app served by a real registry: the
 * mobile preset (an emulated mid-range phone, simulated slow 4G and 4× CPU), performance category
 * only, a first visit on a fresh profile. Writes the whole report to test-output/lighthouse/ so the
 * audits behind the median score can be read. Run only by `npm run bench -- --only lighthouse`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { startRegistry } from '../test/helpers/registry';
import { CHROMIUM_ARGS, findChromium, REPO_ROOT } from './chromium';
import { buildApp } from './load-weight';
import type { ResultRow } from './report';

export const LIGHTHOUSE_DIR = join(REPO_ROOT, 'test-output', 'lighthouse');

const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;

interface DebuggedChromium {
  port: number;
  close(): Promise<void>;
}

/** Headless Chromium with a DevTools port for Lighthouse to drive (it opens its own tab). */
async function launchDebuggedChromium(): Promise<DebuggedChromium> {
  const profileDir = mkdtempSync(join(tmpdir(), 'jaring-lighthouse-'));
  const args = [
    ...CHROMIUM_ARGS,
    '--headless=new',
    '--remote-debugging-port=0',
    `--user-data-dir=${profileDir}`,
  ];
  const child: ChildProcess = spawn(findChromium(), [...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening:\n${output}`)));
  });
  return {
    port,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

const ms = (value: number | undefined) => `${Math.round(value ?? NaN)} ms`;

type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** One Lighthouse run on a fresh Chromium profile (so a first visit: no worker, no cache). */
export async function runLighthouse(url: string): Promise<Report> {
  const chromium = await launchDebuggedChromium();
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    await chromium.close();
  }
}

export const performanceScore = (lhr: Report) => Math.round((lhr.categories.performance?.score ?? 0) * 100);

function metricsOf(lhr: Report): string {
  const metric = (id: string) => lhr.audits[id]?.numericValue;
  return METRICS.map(([id, name]) =>
    name === 'CLS' ? `CLS ${(metric(id) ?? NaN).toFixed(3)}` : `${name} ${ms(metric(id))}`,
  ).join(', ');
}

/** `runs` Lighthouse runs (its score varies from run to run); the run with the median score is reported. */
export async function benchLighthouse(log: (line: string) => void, runs = 3): Promise<ResultRow[]> {
  log('lighthouse: vite build');
  const dir = await buildApp();
  const registry = await startRegistry({ staticDir: dir });
  try {
    const reports: Report[] = [];
    for (let i = 1; i <= runs; i++) {
      log(`lighthouse 12.2.3: mobile preset, performance, run ${i} of ${runs}`);
      reports.push(await runLighthouse(`${registry.url}/`));
    }
    reports.sort((a, b) => performanceScore(a) - performanceScore(b));
    const median = reports[Math.floor(reports.length / 2)]!;
    mkdirSync(LIGHTHOUSE_DIR, { recursive: true });
    writeFileSync(join(LIGHTHOUSE_DIR, 'report.json'), JSON.stringify(median, null, 1));
    const score = performanceScore(median);
    return [
      {
        benchmark: 'Lighthouse',
        measure: `mobile preset, performance score, median of ${runs} first visits served by the registry`,
        value: String(score),
        baseline: metricsOf(median),
        ratio: `scores ${reports.map(performanceScore).join(', ')}`,
        goal: '≥ 90',
        isMet: score >= 90,
      },
    ];
  } finally {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
