/**
 * The served copy of the production build, and "deploying a new version" onto it while the server runs.
 * The server reads its static folder on every request, so replacing files in place is a deployment.
 *
 * A new version here is what a rebuild with a changed index.html produces: index.html gets a build
 * marker, and the precache manifest inside sw.js gets that file's new revision (workbox's MD5 of the
 * content). sw.js then differs byte for byte, so the browser installs the new worker, which waits for
 * the volunteer's go-ahead. Patching is ~1000× cheaper than building a second variant. Like a rebuild,
 * it renews the two files' brotli/gzip copies, which the registry sends in their place.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precompressFile } from '../../../src/server/precompress';

export interface ServedBuild {
  dir: string;
  remove(): void;
}

/** A private copy of the build to serve, so a deployment in one suite never touches another's. */
export function copyBuild(buildDir: string): ServedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-served-'));
  cpSync(buildDir, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The build marker a deployed version's index.html carries (`<meta name="jaring-build">`). */
export const BUILD_MARKER = 'jaring-build';

export function deployNewVersion(dir: string, label: string): void {
  const indexPath = join(dir, 'index.html');
  const swPath = join(dir, 'sw.js');
  const oldIndex = readFileSync(indexPath, 'utf8');
  const newIndex = oldIndex.replace(
    '<head>',
    `<head>\n    <meta name="${BUILD_MARKER}" content="${label}" />`,
  );
  const sw = readFileSync(swPath, 'utf8');
  const oldEntry = `{"revision":"${md5(oldIndex)}","url":"index.html"}`;
  if (newIndex === oldIndex || !sw.includes(oldEntry)) {
    throw new Error(`cannot deploy: no <head> in index.html or no ${oldEntry} in sw.js`);
  }
  writeFileSync(indexPath, newIndex);
  writeFileSync(swPath, sw.replace(oldEntry, `{"revision":"${md5(newIndex)}","url":"index.html"}`));
  precompressFile(indexPath);
  precompressFile(swPath);
}
