/**
 * Serving the PWA: files with the right caching and compression, the app shell for navigations, JSON
 * 404s for the API, no source maps. The folder is what a build leaves: files plus their brotli/gzip
 * copies from precompressDir.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../src/server/precompress';
import { rawGet } from '../helpers/raw-http';
import { startRegistry, type TestRegistry } from '../helpers/registry';

const INDEX = [
  '<!doctype html><html lang="id"><head><meta charset="utf-8" />',
  '<meta name="viewport" content="width=device-width, initial-scale=1" />',
  '<title>Jaring — Pendaftaran Pekerja Rentan</title>',
  '<meta name="description" content="Daftarkan pekerja rentan ke BPJS Ketenagakerjaan, juga tanpa sinyal." />',
  '<script type="module" src="/assets/index-B7xQ2kLp.js"></script></head><body><div id="app"></div></body></html>',
].join('\n');

/** Text files of every type the build serves, long enough that compressing them pays. */
const TEXT_FILES: Record<string, string> = {
  'index.html': INDEX,
  'kantor/index.html': `<!doctype html><html lang="id"><head><title>Kantor</title></head>${'<p>Kantor</p>'.repeat(40)}</html>`,
  'sw.js': `self.addEventListener("fetch", () => {});\n${'// precache\n'.repeat(60)}`,
  'assets/index-B7xQ2kLp.js': `console.log(1);\n${'export const jaring = "pekerja rentan";\n'.repeat(50)}`,
  'assets/main-Bel4FuRE.css': 'body { color: #0b6e4f; }\n'.repeat(80),
  'manifest.webmanifest': JSON.stringify({ name: 'Jaring', icons: Array(20).fill({ src: 'icons/x.png' }) }),
  'icons/logo.svg': `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(40)}</svg>`,
  'assets/index-B7xQ2kLp.js.map': JSON.stringify({ version: 3, sources: ['src/main.tsx'], mappings: 'AAAA' }),
};
/** A PNG is compressed already: served as it is. */
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(600, 7)]);
const IMMUTABLE = 'public, max-age=31536000, immutable';

const decode: Record<string, (bytes: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
};

describe('static app', () => {
  let dir: string;
  let registry: TestRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-static-'));
    for (const sub of ['assets', 'icons', 'kantor']) mkdirSync(join(dir, sub));
    for (const [path, text] of Object.entries(TEXT_FILES)) writeFileSync(join(dir, path), text);
    writeFileSync(join(dir, 'icons', 'icon-192.png'), PNG);
    precompressDir(dir);
    registry = await startRegistry({ staticDir: dir });
  });
  afterAll(async () => {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['/', 'text/html', 'no-cache'],
    ['/sw.js', 'javascript', 'no-cache'],
    ['/assets/index-B7xQ2kLp.js', 'javascript', 'public, max-age=31536000, immutable'],
  ])('serves %s as %s with cache-control %s', async (path, type, cache) => {
    const res = await fetch(`${registry.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it.each([
    ['/', 'index.html', 'text/html', 'no-cache'],
    ['/kantor/', 'kantor/index.html', 'text/html', 'no-cache'],
    ['/sw.js', 'sw.js', 'javascript', 'no-cache'],
    ['/manifest.webmanifest', 'manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/icons/logo.svg', 'icons/logo.svg', 'image/svg+xml', 'no-cache'],
    ['/assets/index-B7xQ2kLp.js', 'assets/index-B7xQ2kLp.js', 'javascript', IMMUTABLE],
    ['/assets/main-Bel4FuRE.css', 'assets/main-Bel4FuRE.css', 'text/css', IMMUTABLE],
  ])(
    'sends %s compressed (brotli first, else gzip), varying by Accept-Encoding',
    async (url, file, type, cache) => {
      const original = readFileSync(join(dir, file));
      for (const [accept, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
      ] as const) {
        const res = await rawGet(`${registry.url}${url}`, { headers: { 'accept-encoding': accept } });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.headers['content-type']).toContain(type);
        expect(res.headers['cache-control']).toBe(cache);
        expect(res.body.length).toBeLessThan(original.length);
        expect(decode[encoding]!(res.body).equals(original)).toBe(true);
      }
      const plain = await rawGet(`${registry.url}${url}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
    },
  );

  it('sends a PNG as it is (already compressed), revalidated', async () => {
    const res = await rawGet(`${registry.url}/icons/icon-192.png`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.equals(PNG)).toBe(true);
  });

  it('compresses the app shell sent for a navigation', async () => {
    const res = await rawGet(`${registry.url}/daftar/baru`, {
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
  });

  it.each(['/assets/index-B7xQ2kLp.js.map', '/assets/index-B7xQ2kLp.js.br', '/sw.js.gz'])(
    'does not serve %s (source maps and compressed copies by name)',
    async (url) => {
      const res = await rawGet(`${registry.url}${url}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('answers a navigation to an app path with index.html, uncached', async () => {
    const res = await fetch(`${registry.url}/daftar/baru`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it.each([
    ['/api/v1/nothing', 'text/html'],
    ['/assets/missing-12345678.js', '*/*'],
  ])('answers %s (accept %s) with a 404 problem', async (path, accept) => {
    const res = await fetch(`${registry.url}${path}`, { headers: { accept } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('not_found');
  });

  it('sends no CORS header by default', async () => {
    const res = await fetch(`${registry.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
