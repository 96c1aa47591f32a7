/**
 * The production build as the registry sends it: every text file has brotli and gzip copies that hold
 * exactly its bytes, each kind of file arrives compressed with the caching it needs, no source map is
 * referenced or served, and a phone's first visit transfers at least a third less than uncompressed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCompressible } from '../../src/server/precompress';
import { CHROMIUM_ACCEPT_ENCODING, firstLoadOverTheWire } from '../helpers/first-load';
import { rawGet } from '../helpers/raw-http';
import { startRegistry, type TestRegistry } from '../helpers/registry';

const outDir = inject('appBuildDir');
const IMMUTABLE = 'public, max-age=31536000, immutable';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(outDir, full)];
  });
}

const files = listFiles(outDir);
const firstOf = (pattern: RegExp) => {
  const file = files.find((f) => pattern.test(f));
  if (!file) throw new Error(`no ${pattern} in the build`);
  return file;
};

describe('the build, compressed', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ staticDir: outDir });
  });
  afterAll(() => registry.close());

  it('has a brotli and a gzip copy of every larger text file, each decoding to the file', () => {
    const text = files.filter((f) => isCompressible(f) && statSync(join(outDir, f)).size > 1024);
    expect(text.length).toBeGreaterThan(10);
    for (const file of text) {
      const original = readFileSync(join(outDir, file));
      expect(brotliDecompressSync(readFileSync(join(outDir, `${file}.br`))).equals(original), file).toBe(
        true,
      );
      expect(gunzipSync(readFileSync(join(outDir, `${file}.gz`))).equals(original), file).toBe(true);
    }
  });

  it.each([
    ['the phone page', '/', 'text/html', 'no-cache'],
    ['the office page', '/kantor/', 'text/html', 'no-cache'],
    ['the service worker', '/sw.js', 'javascript', 'no-cache'],
    ['the web manifest', '/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['a hashed script', `/${firstOf(/^assets\/main-.*\.js$/)}`, 'javascript', IMMUTABLE],
    ['a hashed stylesheet', `/${firstOf(/^assets\/main-.*\.css$/)}`, 'text/css', IMMUTABLE],
    ["Kantor's script", `/${firstOf(/^assets\/office-.*\.js$/)}`, 'javascript', IMMUTABLE],
  ])('sends %s (%s) as brotli, varying by Accept-Encoding, cached as %s', async (_kind, url, type, cache) => {
    const res = await rawGet(`${registry.url}${url}`, {
      headers: { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['cache-control']).toBe(cache);
  });

  it.each([
    ['gzip', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['identity', undefined],
    [undefined, undefined],
  ])('answers Accept-Encoding %j with %s, holding the very bytes of the file', async (accept, encoding) => {
    const file = firstOf(/^assets\/main-.*\.js$/);
    const res = await rawGet(`${registry.url}/${file}`, {
      headers: accept === undefined ? {} : { 'accept-encoding': accept },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    const body = encoding === 'gzip' ? gunzipSync(res.body) : res.body;
    expect(body.equals(readFileSync(join(outDir, file)))).toBe(true);
  });

  it('sends the icons (PNG, already compressed) as they are, revalidated', async () => {
    const res = await rawGet(`${registry.url}/icons/icon-192.png`, {
      headers: { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING },
    });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('references no source map from a served file and serves none of the maps the build keeps', async () => {
    for (const file of files.filter((f) => /\.(js|css)$/.test(f))) {
      expect(readFileSync(join(outDir, file), 'utf8'), file).not.toMatch(/sourceMappingURL=/);
    }
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0); // kept for debugging on the server
    for (const map of maps) {
      const res = await rawGet(`${registry.url}/${map}`);
      expect(res.status, map).toBe(404);
    }
  });

  it('transfers at least a third less on a phone’s first visit (page, worker, precache)', async () => {
    const before = await firstLoadOverTheWire(registry.url, outDir, 'identity');
    const after = await firstLoadOverTheWire(registry.url, outDir, CHROMIUM_ACCEPT_ENCODING);
    console.info(
      `first visit over the wire, ${after.files} files: ${(before.bytes / 1024).toFixed(1)} KB uncompressed → ` +
        `${(after.bytes / 1024).toFixed(1)} KB (${Math.round((1 - after.bytes / before.bytes) * 100)}% less)`,
    );
    expect(after.bytes).toBeLessThanOrEqual((before.bytes * 2) / 3);
  });
});
