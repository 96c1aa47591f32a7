/**
 * The last step of `vite build`: brotli and gzip copies of every text file in the output folder (see
 * src/server/precompress.ts), after the service worker and Kantor's page have been written.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { precompressDir } from '../src/server/precompress.ts';

export function precompressBuild(): Plugin {
  let outDir = 'dist';
  let logger: ResolvedConfig['logger'] | undefined;
  return {
    name: 'jaring-precompress',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      outDir = resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    closeBundle: {
      // After vite-plugin-pwa's closeBundle, which writes sw.js: plugins' hooks of one order run in turn.
      order: 'post',
      sequential: true,
      handler() {
        // Only the app's own build: nested builds (the service worker's) have no index.html.
        if (!existsSync(join(outDir, 'index.html'))) return;
        const count = precompressDir(outDir);
        logger?.info(`precompressed ${count} files (brotli, gzip) in ${outDir}`);
      },
    },
  };
}
