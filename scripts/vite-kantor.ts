/**
 * Kantor as a second entry of the one Vite build. Its page lives in src/office/index.html (the console's
 * code stays in src/office) and is emitted as kantor/index.html, so the registry serves it at /kantor/.
 * Every chunk and stylesheet used only by Kantor is named assets/office-*, which the phones' service
 * worker leaves out of its precache; chunks shared with the phone app keep their ordinary names.
 * In `npm run dev`, /kantor/ is rewritten to the page's source path.
 */
import type { Plugin, UserConfig } from 'vite';

export const OFFICE_ASSET_PREFIX = 'office-';
const PAGE_SOURCE = 'src/office/index.html';
const PAGE_OUTPUT = 'kantor/index.html';

const isOfficeModule = (id: string) => id.includes('/src/office/');

export function kantorEntry(): Plugin {
  return {
    name: 'jaring-kantor-entry',
    // After Vite's own HTML plugin, which emits the page in the same hook.
    enforce: 'post',
    config(): UserConfig {
      return {
        build: {
          rollupOptions: {
            input: { main: 'index.html', kantor: PAGE_SOURCE },
            output: {
              entryFileNames: (chunk) =>
                chunk.name === 'kantor'
                  ? `assets/${OFFICE_ASSET_PREFIX}[name]-[hash].js`
                  : 'assets/[name]-[hash].js',
              chunkFileNames: (chunk) =>
                chunk.moduleIds.length > 0 && chunk.moduleIds.every(isOfficeModule)
                  ? `assets/${OFFICE_ASSET_PREFIX}[name]-[hash].js`
                  : 'assets/[name]-[hash].js',
              assetFileNames: (asset) =>
                (asset.originalFileNames ?? []).some(isOfficeModule) ||
                asset.names.some((n) => n.startsWith('kantor'))
                  ? `assets/${OFFICE_ASSET_PREFIX}[name]-[hash][extname]`
                  : 'assets/[name]-[hash][extname]',
            },
          },
        },
      };
    },
    generateBundle(_options, bundle) {
      const page = bundle[PAGE_SOURCE];
      if (!page || page.type !== 'asset') return;
      delete bundle[PAGE_SOURCE];
      // The phone app's web manifest is not Kantor's: the console is not an installable field app.
      const source = String(page.source).replace(/\s*<link rel="manifest"[^>]*>/, '');
      this.emitFile({ type: 'asset', fileName: PAGE_OUTPUT, source });
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/kantor' || req.url?.startsWith('/kantor/')) req.url = `/${PAGE_SOURCE}`;
        next();
      });
    },
  };
}
