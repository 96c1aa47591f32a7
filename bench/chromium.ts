/**
 * Chromium for the benchmarks: Debian's (or CHROMIUM_PATH), headless, on a persistent profile in a
 * temp dir — persistent because incognito profiles keep IndexedDB in memory, which would flatter every
 * storage number. Also builds the benchmark page (bench/pages) with Vite into a temp dir.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here: try the next one
    }
  }
  throw new Error('Chromium not found (CHROMIUM_PATH, /usr/bin/chromium): apt-get install chromium');
}

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** A headless Chromium on `profileDir` (a new temp profile when omitted). */
export async function launchChromium(profileDir?: string): Promise<BenchBrowser> {
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'jaring-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profileDir: dir,
    async close(options) {
      await context.close();
      if (!options?.keepProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function chromiumVersion(): Promise<string> {
  const browser = await launchChromium();
  const version =
    browser.context.browser()?.version() ?? (await browser.page.evaluate(() => navigator.userAgent));
  await browser.close();
  return version;
}

/** Builds bench/pages (the app's own db and sync code in a page) into a fresh temp dir. */
export async function buildBenchPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jaring-bench-page-'));
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'bench', 'pages'),
    logLevel: 'warn',
    // Not minified, so CPU profiles (--profile) name the app's functions.
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, minify: false },
  });
  return outDir;
}
