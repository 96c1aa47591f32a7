/**
 * The platform's floor for an offline cold start: a page with nothing but the NIK field and a submit
 * button, served offline by a service worker of eight lines from its cache, timed exactly as the
 * app's cold starts are (cold-start.ts: Chromium relaunched on a profile whose worker is installed,
 * nothing listening, the CPU slowed alike, navigation start → the field there and the next task run).
 * What the app's start costs beyond this is the app's own; this part is Chromium's and the machine's
 * (process start, the worker's start from disk, a cache read, the first frame).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import { coldStarts, type ColdStart } from './cold-start';

const BARE_PAGE =
  '<!doctype html><html lang="id"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width"><title>Jaring bare</title>' +
  '<form><label for="f-nik">NIK</label> <input id="f-nik" inputmode="numeric" maxlength="24">' +
  '<button type="submit">Simpan</button></form>' +
  "<script>navigator.serviceWorker.register('/sw.js')</script>";

/** Precaches the page at install and answers every navigation from the cache. */
const BARE_WORKER = `
  self.addEventListener('install', (event) => {
    event.waitUntil(caches.open('bare').then((cache) => cache.add('/')).then(() => self.skipWaiting()));
  });
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('fetch', (event) => {
    if (event.request.mode !== 'navigate') return;
    event.respondWith(caches.match('/').then((cached) => cached || fetch(event.request)));
  });
`;

function serveBarePage(): Promise<Server> {
  const server = createServer((request, response) => {
    const isWorker = request.url === '/sw.js';
    response.writeHead(200, {
      'content-type': isWorker ? 'text/javascript' : 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.end(isWorker ? BARE_WORKER : BARE_PAGE);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function installBareWorker(url: string, profileDir: string): Promise<void> {
  const browser = await launchChromium(profileDir);
  try {
    await browser.page.goto(`${url}/`);
    await browser.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });
  } finally {
    await browser.close({ keepProfile: true });
  }
}

/** `count` offline cold starts of the bare page at each slowdown, on one profile. */
export async function bareColdStarts(
  slowdowns: readonly number[],
  count: number,
): Promise<Map<number, ColdStart[]>> {
  const profile = mkdtempSync(join(tmpdir(), 'jaring-bench-bare-'));
  const server = await serveBarePage();
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await installBareWorker(url, profile);
    await new Promise((resolve) => server.close(resolve)); // offline: nothing listens any more
    const runs = new Map<number, ColdStart[]>();
    for (const slowdown of slowdowns) runs.set(slowdown, await coldStarts(url, profile, count, { slowdown }));
    return runs;
  } finally {
    if (server.listening) server.close();
    server.closeAllConnections();
    rmSync(profile, { recursive: true, force: true });
  }
}
