/**
 * What a phone's first visit transfers: the page (index.html), the service worker (sw.js) and every
 * file the worker precaches, each fetched once from a running registry, counted as the bytes that
 * cross the wire (headers aside). `acceptEncoding` is what the browser offers: Chromium sends
 * "gzip, deflate, br, zstd"; "identity" is how the registry answered before it compressed anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawGet } from './raw-http';

/** URLs in the precache manifest that injectManifest wrote into the build's sw.js. */
export function precacheUrls(buildDir: string): string[] {
  const sw = readFileSync(join(buildDir, 'sw.js'), 'utf8');
  const entries = sw.match(
    /\{"revision":(?:"[^"]*"|null),"url":"[^"]+"\}|\{"url":"[^"]+","revision":(?:"[^"]*"|null)\}/g,
  );
  return (entries ?? []).map((entry) => (JSON.parse(entry) as { url: string }).url);
}

export const CHROMIUM_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface FirstLoad {
  files: number;
  bytes: number;
}

export async function firstLoadOverTheWire(
  registryUrl: string,
  buildDir: string,
  acceptEncoding: string,
): Promise<FirstLoad> {
  const paths = ['/', '/sw.js', ...new Set(precacheUrls(buildDir).map((url) => `/${url}`))];
  let bytes = 0;
  for (const path of paths) {
    const answer = await rawGet(`${registryUrl}${path}`, { headers: { 'accept-encoding': acceptEncoding } });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
    bytes += answer.body.length;
  }
  return { files: paths.length, bytes };
}
