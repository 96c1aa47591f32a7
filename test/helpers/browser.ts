/**
 * Real Chromium for the browser scenarios: finds Debian's Chromium (or CHROMIUM_PATH), and launches a
 * "phone" — a persistent context on a fresh profile directory. Persistent, not an ordinary context,
 * because ordinary contexts are incognito: Chromium then refuses installability (`in-incognito`) and
 * storage behaves unlike an installed app. Every phone is independent (its own IndexedDB, service
 * worker and caches); `close()` removes its profile.
 *
 * Without Chromium the suites skip with a message, except with CI=true, where they fail: CI must never
 * pass by skipping.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** Headless, quiet and deterministic: no sandbox (containers), no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

/** A phone screen: the size the UI is designed for. */
export const PHONE_VIEWPORT = { width: 360, height: 740 };

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path) && isExecutable(path!));
}

export const chromiumPath = findChromium();

const MISSING =
  'Chromium not found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). ' +
  'Install it (apt-get install chromium) or set CHROMIUM_PATH.';

/**
 * `describe` for suites that need Chromium: runs them when it is there; otherwise skips them with a
 * message, or — with CI=true — fails.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${MISSING} CI=true, so the browser scenarios fail instead of skipping.`);
      });
    });
  } else {
    console.warn(`[browser tests skipped] ${MISSING}`);
    describe.skip(name, body);
  }
}

export interface Phone {
  context: BrowserContext;
  /** The context's first tab. */
  page: Page;
  /** Uncaught errors thrown in any of this phone's pages (a scenario expects none). */
  pageErrors: string[];
  /**
   * Another tab of the same phone (same storage and service worker), in its own window: tabs sharing
   * one headless window are not all painted, so actions in a background tab stall on frames that never come.
   */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** An office screen, as Kantor is designed for (and a tablet, which it must still serve). */
export const DESK_VIEWPORT = { width: 1280, height: 800 };
export const TABLET_VIEWPORT = { width: 768, height: 1024 };

/**
 * A browser on a fresh profile: a volunteer's phone by default, or an officer's desk by viewport.
 * `extraArgs` go to Chromium after CHROMIUM_ARGS (e.g. `--host-resolver-rules` for a test hostname).
 */
export async function launchPhone(viewport = PHONE_VIEWPORT, extraArgs: string[] = []): Promise<Phone> {
  if (!chromiumPath) throw new Error(MISSING);
  const profileDir = mkdtempSync(join(tmpdir(), 'jaring-phone-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const pageErrors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (error) => pageErrors.push(String(error)));
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    pageErrors,
    async newPage() {
      const opener = context.pages()[0];
      if (!opener) return context.newPage(); // the only tab: the window is its own
      const cdp = await context.newCDPSession(opener);
      const [opened] = await Promise.all([
        context.waitForEvent('page'),
        cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true }),
      ]);
      await cdp.detach();
      await opened.setViewportSize(viewport);
      return opened;
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** What the phone's screen shows (the 360×740 viewport), as test-output/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
