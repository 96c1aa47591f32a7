/**
 * Brotli and gzip copies of the built text files, made once at build time (`vite build`, through
 * scripts/vite-precompress.ts) so the registry never compresses per request: `file.js.br` and
 * `file.js.gz` beside `file.js`, which @fastify/static's `preCompressed` sends to a browser that accepts
 * them. Brotli at its highest quality costs seconds at build time and nothing per request; on-the-fly
 * compression on a kelurahan PC would spend CPU on every first load and compress less.
 *
 * Invariant: a compressed copy always holds exactly its source's bytes — whoever changes a served
 * file in place must call `precompressFile` on it again (a rebuild does that for every file).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Types that compress well. PNG and other images are compressed already; `.map` files are never served. */
export const COMPRESSIBLE_EXTENSIONS = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.webmanifest',
  '.json',
  '.ico',
  '.txt',
  '.xml',
]);

export const COMPRESSED_EXTENSIONS = ['.br', '.gz'] as const;

export function isCompressible(path: string): boolean {
  return COMPRESSIBLE_EXTENSIONS.has(extname(path).toLowerCase());
}

function brotli(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * Writes `path.br` and `path.gz`, or removes them when compressing would not make the file smaller
 * (a tiny file): a stale copy must never outlive a changed source.
 */
export function precompressFile(path: string): void {
  const bytes = readFileSync(path);
  const copies = { '.br': brotli(bytes), '.gz': gzipSync(bytes, { level: 9 }) };
  for (const ext of COMPRESSED_EXTENSIONS) {
    const copy = copies[ext];
    if (copy.length < bytes.length) writeFileSync(path + ext, copy);
    else if (existsSync(path + ext)) rmSync(path + ext);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Precompresses every compressible file under `dir`; returns how many. */
export function precompressDir(dir: string): number {
  const files = listFiles(dir).filter(isCompressible);
  files.forEach(precompressFile);
  return files.length;
}
