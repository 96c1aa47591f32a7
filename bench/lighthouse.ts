/**
 * Lighthouse (12.2.3, the last to run on Node 20) on the built app served by a real registry: the
 * mobile preset (an emulated mid-range phone, simulated slow 4G and 4× CPU), performance category
 * only, a first visit on a fresh profile. Writes the whole report to test-output/lighthouse/ so the
 * audits behind a score can be read. Run only by `npm run bench -- --only lighthouse`.
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

export async function benchLighthouse(log: (line: string) => void): Promise<ResultRow[]> {
  log('lighthouse: vite build');
  const dir = await buildApp();
  const registry = await startRegistry({ staticDir: dir });
  const chromium = await launchDebuggedChromium();
  try {
    log('lighthouse 12.2.3: mobile preset, performance');
    const result = await lighthouse(`${registry.url}/`, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    mkdirSync(LIGHTHOUSE_DIR, { recursive: true });
    writeFileSync(join(LIGHTHOUSE_DIR, 'report.json'), JSON.stringify(lhr, null, 1));
    const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
    const metric = (id: string) => lhr.audits[id]?.numericValue;
    const figures = METRICS.map(([id, name]) =>
      name === 'CLS' ? `CLS ${(metric(id) ?? NaN).toFixed(3)}` : `${name} ${ms(metric(id))}`,
    );
    return [
      {
        benchmark: 'Lighthouse',
        measure: 'mobile preset, performance score (first visit, served by the registry)',
        value: String(score),
        baseline: figures.join(', '),
        goal: '≥ 90',
        isMet: score >= 90,
      },
    ];
  } finally {
    await chromium.close();
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
