/** Serving the PWA: files with the right caching, the app shell for navigations, JSON 404s for the API. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-B7xQ2kLp.js"></script></head></html>';

describe('static app', () => {
  let dir: string;
  let registry: TestRegistry;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'index-B7xQ2kLp.js'), 'console.log(1);');
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
