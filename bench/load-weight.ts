/**
 * Load weight of the real app: builds it once with `vite build` into a temp dir, weighs (gzip -9, as
 * the build test does) the JavaScript index.html loads before the first paint and everything the
 * service worker precaches, then times offline cold starts (cold-start.ts): a phone that visited once
 * (worker installed, precache full) relaunches Chromium with the registry gone and 4× and 6× CPU
 * throttling, and opens the app; the time is from navigation start to the registration form being
 * interactive, against a bare page's start timed alike (bare-cold-start.ts). At 6× a NIK is then
 * typed key by key and each key's latency taken.
 * The first visit's bytes over the wire (page, worker, precache) are counted from the real registry,
 * compressed as Chromium asks for it against uncompressed (how the registry answered before).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ACCEPT_ENCODING, firstLoadOverTheWire } from '../test/helpers/first-load';
import { startRegistry } from '../test/helpers/registry';
import { launchChromium, REPO_ROOT } from './chromium';
import type { ResultRow } from './report';
import { bareColdStarts } from './bare-cold-start';
import { coldStart, coldStarts, typeNikInBareInput, type ColdStart } from './cold-start';
import { median, percentile } from './stats';

function buildEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key.startsWith('VITEST')) continue; // vite.config.ts drops the PWA under vitest
    env[key] = value;
  }
  return env;
}

export function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jaring-bench-app-'));
  const viteBin = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const args = [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: buildEnvironment() });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(outDir) : reject(new Error(`vite build: ${code}\n${output}`)),
    );
  });
}

const gzipBytes = (dir: string, path: string) => gzipSync(readFileSync(join(dir, path)), { level: 9 }).length;

function firstPaintScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return [...scripts, ...preloads];
}

function precacheUrls(dir: string): string[] {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const entries = sw.match(
    /\{"revision":(?:"[^"]*"|null),"url":"[^"]+"\}|\{"url":"[^"]+","revision":(?:"[^"]*"|null)\}/g,
  );
  return (entries ?? []).map((entry) => (JSON.parse(entry) as { url: string }).url);
}

async function installOnce(url: string, profileDir: string): Promise<void> {
  const browser = await launchChromium(profileDir);
  await browser.page.goto(`${url}/#/daftar`);
  await browser.page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    }
  });
  await browser.close({ keepProfile: true });
}

const range = (times: number[]) =>
  `min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))} ms`;

function coldStartRows(runs: ColdStart[], bare: ColdStart[], slowdown: number, goalMs: number): ResultRow[] {
  const times = runs.map((r) => r.ms);
  const bareTimes = bare.map((r) => r.ms);
  return [
    {
      benchmark: 'Load weight',
      measure: `offline cold start → interactive form, ${slowdown}× CPU, median of ${times.length}`,
      value: `${Math.round(median(times))} ms`,
      baseline: `bare page: ${Math.round(median(bareTimes))} ms; app ${range(times)}`,
      ratio: `app's own: ${Math.round(median(times) - median(bareTimes))} ms`,
      goal: `≤ ${goalMs} ms`,
      isMet: median(times) <= goalMs,
    },
    {
      benchmark: 'Load weight',
      measure: `the same for a bare page (one field, an 8-line worker), ${slowdown}× CPU, median of ${bareTimes.length}`,
      value: `${Math.round(median(bareTimes))} ms`,
      baseline: range(bareTimes),
    },
  ];
}

function keyLatencyRows(runs: ColdStart[], slowdown: number, bareMs: number[]): ResultRow[] {
  const keyMs = runs.flatMap((r) => r.keyMs);
  const inputMs = runs.flatMap((r) => r.inputMs);
  const p90 = percentile(keyMs, 90);
  const p50p90 = (ms: number[]) => `${percentile(ms, 50).toFixed(0)} / ${percentile(ms, 90).toFixed(0)} ms`;
  return [
    {
      benchmark: 'Load weight',
      measure: `typing a NIK after a cold start, ${slowdown}× CPU: key → next frame, p50 / p90 (${keyMs.length} keys)`,
      value: p50p90(keyMs),
      baseline: `bare input: ${p50p90(bareMs)}`,
      ratio: `p90 ${(p90 / percentile(bareMs, 90)).toFixed(1)}× bare`,
      goal: 'p90 ≤ 50 ms',
      isMet: p90 <= 50,
    },
    {
      benchmark: 'Load weight',
      measure: `the same typed into a bare page (one input, no app), ${slowdown}× CPU (${bareMs.length} keys)`,
      value: p50p90(bareMs),
      baseline: `app: max ${Math.max(...keyMs).toFixed(0)} ms`,
    },
    {
      benchmark: 'Load weight',
      measure: `of which the app's input handling (handler + re-render), p50 / p90`,
      value: p50p90(inputMs),
      baseline: `max ${Math.max(...inputMs).toFixed(1)} ms`,
    },
  ];
}

export async function benchLoadWeight(
  startCount: number,
  log: (s: string) => void,
  isProfiling = false,
): Promise<ResultRow[]> {
  log('load weight: vite build');
  const dir = await buildApp();
  const profile = mkdtempSync(join(tmpdir(), 'jaring-bench-phone-'));
  try {
    const firstPaint = firstPaintScripts(dir);
    const firstPaintBytes = firstPaint.reduce((sum, path) => sum + gzipBytes(dir, path), 0);
    const precache = precacheUrls(dir);
    const precacheBytes = precache.reduce((sum, path) => sum + gzipBytes(dir, path), 0);
    const registry = await startRegistry({ staticDir: dir });
    const url = registry.url;
    const uncompressed = await firstLoadOverTheWire(url, dir, 'identity');
    const compressed = await firstLoadOverTheWire(url, dir, CHROMIUM_ACCEPT_ENCODING);
    await installOnce(url, profile);
    await registry.close(); // offline for real: nothing listens on the port any more
    log(`load weight: ${startCount} offline cold starts at 4× and at 6× CPU slowdown (typing a NIK at 6×)`);
    const at4 = await coldStarts(url, profile, startCount, { slowdown: 4 });
    const at6 = await coldStarts(url, profile, startCount, { slowdown: 6, typeNik: true });
    const bareMs = await typeNikInBareInput(6, startCount);
    log(`load weight: ${startCount} offline cold starts of a bare page at 4× and 6×`);
    const bare = await bareColdStarts([4, 6], startCount);
    if (isProfiling)
      await coldStart(url, profile, { slowdown: 6, typeNik: true, profileName: 'cold-start-6x' });
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    return [
      {
        benchmark: 'Load weight',
        measure: `first-paint JS, gzip (${firstPaint.length} files)`,
        value: kb(firstPaintBytes),
        goal: '≤ 50 KB (test fails > 60 KB)',
        isMet: firstPaintBytes <= 50 * 1024,
      },
      {
        benchmark: 'Load weight',
        measure: `whole precache, gzip (${precache.length} files)`,
        value: kb(precacheBytes),
        goal: '≤ 300 KB (tested)',
        isMet: precacheBytes <= 300 * 1024,
      },
      {
        benchmark: 'Load weight',
        measure: `first visit over the wire, brotli (${compressed.files} files)`,
        value: kb(compressed.bytes),
        baseline: `uncompressed: ${kb(uncompressed.bytes)}`,
        ratio: `${Math.round((1 - compressed.bytes / uncompressed.bytes) * 100)}% less`,
        goal: '≥ ⅓ less (tested)',
        isMet: compressed.bytes <= (uncompressed.bytes * 2) / 3,
      },
      ...coldStartRows(at4, bare.get(4)!, 4, 1000),
      ...coldStartRows(at6, bare.get(6)!, 6, 1500),
      ...keyLatencyRows(at6, 6, bareMs),
    ];
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
