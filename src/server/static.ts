/**
 * Serves the built PWA (`dist/`) next to the API. Caching: hashed files under /assets/ never change, so
 * browsers keep them a year; everything else (index.html, sw.js, the manifest, icons) is revalidated
 * on every load, so a new deployment reaches phones through the service worker's update check.
 * Compression: the build's brotli/gzip copies (`.br`, `.gz`, see precompress.ts) are sent to browsers
 * that accept them, with `Vary: Accept-Encoding` on every compressible type so a cache between the
 * two never hands brotli to a browser that asked for gzip. Source maps (and the compressed copies
 * asked for by name) are not served: they answer 404 like a missing file.
 * Navigations to any app path get index.html (the app routes on the client); navigations under
 * /kantor get the office console's page instead.
 */
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESSED_EXTENSIONS, isCompressible } from './precompress';

const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(filePath) ? IMMUTABLE : 'no-cache';
}

/** The file a (possibly compressed) copy stands for: `main-abc.js.br` → `main-abc.js`. */
function sourceOf(filePath: string): string {
  const ext = extname(filePath);
  return (COMPRESSED_EXTENSIONS as readonly string[]).includes(ext)
    ? filePath.slice(0, -ext.length)
    : filePath;
}

/** Not for the public: source maps, and the compressed copies, which are sent only in place of their source. */
export function isServedPath(urlPath: string): boolean {
  const ext = extname(urlPath).toLowerCase();
  return ext !== '.map' && !(COMPRESSED_EXTENSIONS as readonly string[]).includes(ext);
}

export function hasBuiltApp(staticDir: string): boolean {
  return existsSync(join(resolve(staticDir), 'index.html'));
}

/** Registers the static files; returns false (API only) when there is no built app. */
export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<boolean> {
  if (!hasBuiltApp(staticDir)) {
    app.log.warn(`no built app at ${staticDir}${sep}index.html: serving the API only`);
    return false;
  }
  await app.register(fastifyStatic, {
    root: resolve(staticDir),
    cacheControl: false,
    preCompressed: true,
    allowedPath: (pathName) => isServedPath(pathName),
    setHeaders: (res, filePath) => {
      const source = sourceOf(filePath);
      res.setHeader('cache-control', cacheControlFor(source));
      if (isCompressible(source)) res.setHeader('vary', 'Accept-Encoding');
    },
  });
  return true;
}

/** A browser navigation (not an API call, not a file the app asked for): answer with the app shell. */
export function isAppNavigation(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !path.startsWith('/api/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

const OFFICE_PATH = /^\/kantor(\/|$)/;

/** The page for a navigation: Kantor's under /kantor, the phone app's everywhere else. */
export function sendAppShell(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  return reply.sendFile(OFFICE_PATH.test(path) ? 'kantor/index.html' : 'index.html');
}
