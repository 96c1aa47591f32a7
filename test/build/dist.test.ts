/**
 * The production build (made once per run by test/e2e/global-setup.ts, into a temporary folder):
 * checks what the phone will receive — the service worker's precache list, the web manifest and icons, and the byte budgets
 * (JavaScript on the first paint, the whole precache), measured gzipped as the server sends them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const FIRST_PAINT_JS_BUDGET = 60 * 1024;
const PRECACHE_BUDGET = 300 * 1024;

const outDir = inject('appBuildDir');

const read = (path: string) => readFileSync(join(outDir, path));
/** Kantor's page and the assets only Kantor uses (see scripts/vite-kantor.ts). */
const isOfficeFile = (path: string) => /^kantor[\\/]|^assets[\\/]office-/.test(path);
const gzipSize = (path: string) => gzipSync(read(path), { level: 9 }).length;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(outDir, full)];
  });
}

/**
 * The hashed assets a page can load: the ones its HTML names, then every asset those files name in
 * turn (a static or lazy import, a stylesheet), found by their file names in the built text.
 */
function assetsReachableFrom(page: string): Set<string> {
  const assets = new Set(listFiles(outDir).filter((f) => f.startsWith('assets') && /\.(js|css)$/.test(f)));
  const named = (text: string) => [...assets].filter((asset) => text.includes(asset.slice('assets/'.length)));
  const seen = new Set<string>();
  const queue = named(read(page).toString());
  while (queue.length > 0) {
    const asset = queue.pop()!;
    if (seen.has(asset)) continue;
    seen.add(asset);
    queue.push(...named(read(asset).toString()));
  }
  return seen;
}

/** URLs in the precache manifest that injectManifest wrote into sw.js. */
function precacheUrls(): string[] {
  const sw = read('sw.js').toString();
  const entries = sw.match(
    /\{"revision":(?:"[^"]*"|null),"url":"[^"]+"\}|\{"url":"[^"]+","revision":(?:"[^"]*"|null)\}/g,
  );
  return (entries ?? []).map((entry) => (JSON.parse(entry) as { url: string }).url);
}

/** Scripts and module preloads that index.html makes the browser fetch before the first paint. */
function firstPaintScripts(): string[] {
  const html = read('index.html').toString();
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return [...srcs, ...preloads];
}

function pngSize(path: string): { width: number; height: number } {
  const png = read(path);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the production build', () => {
  it('precaches index.html, the web manifest and exactly the JS and CSS the phone app can load', () => {
    const urls = precacheUrls();
    expect(urls).toContain('index.html');
    expect(urls).toContain('manifest.webmanifest');
    const phoneAssets = assetsReachableFrom('index.html');
    expect(phoneAssets.size).toBeGreaterThan(2);
    expect(urls.filter((url) => url.startsWith('assets/')).sort()).toEqual([...phoneAssets].sort());
  });

  it('has an Indonesian web manifest with the fields an installable app needs', () => {
    const manifest = JSON.parse(read('manifest.webmanifest').toString()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: expect.stringContaining('Jaring'),
      short_name: 'Jaring',
      description: expect.stringMatching(/pekerja rentan/),
      theme_color: '#0b6e4f',
      background_color: expect.any(String),
      display: 'standalone',
      start_url: '/',
      scope: '/',
      lang: 'id',
    });
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    const find = (sizes: string, purpose: string) =>
      icons.find((i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose));
    for (const [sizes, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ] as const) {
      const icon = find(sizes, purpose);
      expect(icon, `${sizes} ${purpose}`).toBeDefined();
      const side = Number(sizes.split('x')[0]);
      expect(pngSize(icon!.src)).toEqual({ width: side, height: side });
    }
  });

  it('links the manifest, favicon and apple-touch icon from index.html', () => {
    const html = read('index.html').toString();
    expect(html).toMatch(/<html lang="id">/);
    expect(html).toContain('rel="manifest"');
    expect(pngSize('icons/apple-touch-icon.png')).toEqual({ width: 180, height: 180 });
    expect(read('favicon.ico').readUInt16LE(2)).toBe(1); // ICO type
  });

  it(`keeps the first paint's JavaScript within ${FIRST_PAINT_JS_BUDGET / 1024} KB gzip`, () => {
    const scripts = firstPaintScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, path) => sum + gzipSize(path), 0);
    expect(total).toBeLessThanOrEqual(FIRST_PAINT_JS_BUDGET);
  });

  it('keeps the English dictionary off the first paint, in a precached chunk of its own', () => {
    const english = 'Last synced'; // a phrase only the English dictionary holds
    for (const script of firstPaintScripts()) expect(read(script).toString()).not.toContain(english);
    const holders = precacheUrls().filter(
      (url) => url.endsWith('.js') && read(url).toString().includes(english),
    );
    expect(holders).toHaveLength(1);
  });

  it(`keeps the whole precache within ${PRECACHE_BUDGET / 1024} KB gzip`, () => {
    const total = precacheUrls().reduce((sum, url) => sum + gzipSize(url), 0);
    expect(total).toBeLessThanOrEqual(PRECACHE_BUDGET);
  });
});

describe('Kantor, the office console, in the same build', () => {
  const officeFiles = () => listFiles(outDir).filter(isOfficeFile);

  it('is its own page at kantor/index.html with its own script and stylesheet', () => {
    const html = read('kantor/index.html').toString();
    expect(html).toMatch(/<script[^>]*src="\/assets\/office-[^"]+\.js"/);
    expect(html).toMatch(/<link[^>]*rel="stylesheet"[^>]*href="\/assets\/office-[^"]+\.css"/);
    expect(html).not.toContain('rel="manifest"');
    expect(officeFiles().filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
  });

  it("is never precached by the phones' service worker, nor the libraries it loads lazily", () => {
    const urls = precacheUrls();
    expect(urls.filter((url) => isOfficeFile(url))).toEqual([]);
    expect(urls.some((url) => url.startsWith('kantor'))).toBe(false);
    // uPlot (the overview's chart), papaparse and read-excel-file (Peserta lama) are Kantor's alone.
    const precachedJs = urls.filter((url) => url.endsWith('.js')).map((url) => read(url).toString());
    for (const marker of ['u-axis', 'Papa', 'sharedStrings']) {
      expect(
        precachedJs.filter((text) => text.includes(marker)),
        marker,
      ).toEqual([]);
    }
  });

  it("adds nothing to the phone's first paint", () => {
    const phone = read('index.html').toString();
    expect(phone).not.toMatch(/office-|kantor/);
    for (const script of firstPaintScripts()) expect(read(script).toString()).not.toContain('Kantor Jaring');
  });
});

describe('the built app under the Content-Security-Policy', () => {
  it.each(['index.html', 'kantor/index.html'])('%s has no inline script, style or event handler', (page) => {
    const html = read(page).toString('utf8');
    expect(html).toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
