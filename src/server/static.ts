/**
 * Serves the built PWA (`dist/`) next to the API. Caching: hashed files under /assets/ never change, so
 * browsers keep them a year; everything else (index.html, sw.js, the manifest, icons) is revalidated
 * on every load, so a new deployment reaches phones through the service worker's update check.
 * Navigations to any app path get index.html (the app routes on the client); navigations under
 * /kantor get the office console's page instead.
 */
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(filePath) ? IMMUTABLE : 'no-cache';
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
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(filePath));
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
