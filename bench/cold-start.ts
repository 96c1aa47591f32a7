/**
 * Offline cold starts of the real app: Chromium relaunched on a profile whose service worker is
 * installed (the registry gone, nothing listens), the CPU slowed with CDP, the app opened. The time is
 * the page's `performance.now()` when the NIK field and "Simpan" are there and enabled and the next
 * task has run. Optionally a NIK is then typed a key at a time, as a volunteer does, and each key's
 * latency taken: from the key event's time stamp to the first task after the next frame (what the
 * volunteer waits for before the digit shows). With `profileName`, the start is CPU-profiled.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR } from './browser-suites';
import type { CDPSession } from 'playwright-core';
import { launchChromium, type BenchBrowser } from './chromium';

/**
 * Set before any script runs: stamps the time the form is there and the main thread is free again,
 * and the latency of every key pressed. Strings, not functions: tsx wraps named functions in a helper
 * that does not exist in the page.
 */
const WATCH_FOR_INTERACTIVE_FORM = `
  (() => {
    const isReady = () => {
      const nik = document.getElementById('f-nik');
      const submit = document.querySelector('button[type="submit"]');
      return nik !== null && !nik.disabled && submit !== null && !submit.disabled;
    };
    const observer = new MutationObserver(() => {
      if (!isReady()) return;
      observer.disconnect();
      // Interactive = the next task runs: nothing long is still holding the main thread.
      setTimeout(() => (window.__formInteractiveAt = performance.now()), 0);
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  })();
`;

/**
 * Also the app's own part of each key: from a capturing `input` listener on the window (before the
 * field's handler) to a bubbling one (after it and after the re-render, which Preact runs in a
 * microtask, and microtasks run between listeners of a dispatched event).
 */
const WATCH_KEY_LATENCY = `
  (() => {
    window.__keyLatencies = [];
    window.__inputMs = [];
    let inputAt = 0;
    addEventListener('input', () => (inputAt = performance.now()), true);
    addEventListener('input', () => window.__inputMs.push(performance.now() - inputAt));
    addEventListener('keydown', (event) => {
      const pressedAt = event.timeStamp;
      requestAnimationFrame(() => {
        // A message runs as the first task after the frame: the digit has been painted by then.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__keyLatencies.push(performance.now() - pressedAt);
        channel.port2.postMessage(0);
      });
    }, true);
  })();
`;

/** A valid Kota Malang NIK, typed into the empty form. */
const TYPED_NIK = '3573015708750001';
/** Between keys: a volunteer copying a KTP types about 4 digits a second. */
const KEY_DELAY_MS = 250;

export interface ColdStartOptions {
  slowdown: number;
  typeNik?: boolean;
  /** Writes `<profileName>.cpuprofile` of the start (and `<profileName>-typing` of the typing). */
  profileName?: string;
}

export interface ColdStart {
  ms: number;
  fromWorker: boolean;
  keyMs: number[];
  /** Of each key, the app's input handling: the field's handler and the re-render. */
  inputMs: number[];
}

interface Typed {
  keyMs: number[];
  inputMs: number[];
}

/**
 * Raw IndexedDB in the page: how many drafts the app's database holds. A string for the reason above;
 * the database and store names are the app's (src/client/db/database.ts).
 */
const COUNT_DRAFTS = `
  new Promise((resolve, reject) => {
    const request = indexedDB.open('jaring');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const count = db.transaction('drafts').objectStore('drafts').count();
      count.onsuccess = () => (db.close(), resolve(count.result));
      count.onerror = () => (db.close(), reject(count.error));
    };
  })
`;

/**
 * Empties the typed NIK and waits until the app has deleted its draft: otherwise the next start would
 * open on the "continue the draft?" question instead of the form.
 */
async function clearTypedDraft(browser: BenchBrowser): Promise<void> {
  const { page } = browser;
  await page.locator('#f-nik').fill('');
  await page.waitForTimeout(1_000); // past the autosave's debounce: no write of the NIK is still to come
  for (let waited = 0; waited < 15_000; waited += 100) {
    if ((await page.evaluate(COUNT_DRAFTS)) === 0) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the draft of the typed NIK was not deleted after the field was emptied');
}

async function typeNikKeyByKey(browser: BenchBrowser): Promise<Typed> {
  const { page } = browser;
  await page.locator('#f-nik').click();
  for (const digit of TYPED_NIK) {
    await page.keyboard.press(digit);
    await page.waitForTimeout(KEY_DELAY_MS);
  }
  const typed = await page.evaluate(() => {
    const watched = window as unknown as { __keyLatencies: number[]; __inputMs: number[] };
    return { keyMs: watched.__keyLatencies, inputMs: watched.__inputMs };
  });
  if (typed.keyMs.length !== TYPED_NIK.length || typed.inputMs.length !== TYPED_NIK.length)
    throw new Error(
      `${typed.keyMs.length} key latencies, ${typed.inputMs.length} inputs for ${TYPED_NIK.length} keys`,
    );
  return typed;
}

/** The platform's own floor: one `<input>` on an empty page, nothing else running. */
const BARE_INPUT_PAGE =
  '<!doctype html><meta name="viewport" content="width=device-width">' +
  '<label for="f-nik">NIK</label> <input id="f-nik" inputmode="numeric" maxlength="24">';

/**
 * The same NIK typed the same way (click, a key every 250 ms, the same latency taken) into a bare
 * input on a fresh page, the CPU slowed alike: what Chromium itself costs per key, with no app.
 * `rounds` pages of 16 keys each, like the app's cold starts.
 */
export async function typeNikInBareInput(slowdown: number, rounds: number): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const { page, context } = browser;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const keyMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await page.setContent(BARE_INPUT_PAGE);
      await page.evaluate(WATCH_KEY_LATENCY);
      keyMs.push(...(await typeNikKeyByKey(browser)).keyMs);
    }
    return keyMs;
  } finally {
    await browser.close();
  }
}

async function startProfile(cdp: CDPSession) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

async function saveProfile(cdp: CDPSession, name: string) {
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
}

export async function coldStart(
  url: string,
  profileDir: string,
  options: ColdStartOptions,
): Promise<ColdStart> {
  const browser = await launchChromium(profileDir);
  try {
    const { page, context } = browser;
    await page.addInitScript(WATCH_FOR_INTERACTIVE_FORM);
    await page.addInitScript(WATCH_KEY_LATENCY);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.slowdown });
    if (options.profileName) await startProfile(cdp);
    const response = await page.goto(`${url}/#/daftar`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as { __formInteractiveAt?: number }).__formInteractiveAt !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    const ms = await page.evaluate(
      () => (window as unknown as { __formInteractiveAt: number }).__formInteractiveAt,
    );
    if (options.profileName) await saveProfile(cdp, options.profileName);
    if (options.profileName && options.typeNik) await startProfile(cdp);
    const typed = options.typeNik ? await typeNikKeyByKey(browser) : { keyMs: [], inputMs: [] };
    if (options.profileName && options.typeNik) await saveProfile(cdp, `${options.profileName}-typing`);
    if (options.typeNik) await clearTypedDraft(browser);
    return { ms, fromWorker: response?.fromServiceWorker() ?? false, ...typed };
  } finally {
    await browser.close({ keepProfile: true });
  }
}

/** Cold starts at `slowdown`, one after the other on the same profile. */
export async function coldStarts(url: string, profile: string, count: number, options: ColdStartOptions) {
  const runs: ColdStart[] = [];
  for (let i = 0; i < count; i++) runs.push(await coldStart(url, profile, options));
  if (runs.some((r) => !r.fromWorker)) throw new Error('a cold start was not served by the service worker');
  return runs;
}
