/**
 * Kantor as a second entry of the one Vite build. Its page lives in src/office/index.html (the console's
 * code stays in src/office) and is emitted as kantor/index.html, so the registry serves it at /kantor/.
 * Every chunk and stylesheet used only by Kantor is named assets/office-*, which the phones' service
 * worker leaves out of its precache; chunks shared with the phone app keep their ordinary names.
 * In `npm run dev`, /kantor/ is rewritten to the page's source path.
 */
import type { Plugin, UserConfig } from 'vite';

/**
 * The JS and CSS files the phone app can load (its entry and every chunk it imports, statically or
 * lazily), filled when the app's bundle is written. A chunk only Kantor loads — a library it imports
 * lazily, which keeps an ordinary name — is not in it, and the precache leaves it out.
 */
const phoneFiles = new Set<string>();

/** What this plugin reads of a bundle entry (Rollup's and Rolldown's shapes agree on these). */
interface BundleItem {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  name?: string;
  imports?: string[];
  dynamicImports?: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

function collectPhoneFiles(bundle: Record<string, BundleItem>): void {
  const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'main');
  if (!entry) return; // another build (the service worker's)
  phoneFiles.clear();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (!chunk || phoneFiles.has(fileName)) return;
    phoneFiles.add(fileName);
    if (chunk.type !== 'chunk') return;
    for (const css of chunk.viteMetadata?.importedCss ?? []) phoneFiles.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) phoneFiles.add(asset);
    [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])].forEach(visit);
  };
  visit(entry.fileName);
}

/** injectManifest's manifestTransforms: hashed assets stay in the precache only if the phone loads them. */
export async function keepPhoneAssetsOnly<T extends { url: string }>(entries: T[]) {
  const manifest = entries.filter((e) => !e.url.startsWith('assets/') || phoneFiles.has(e.url));
  return { manifest, warnings: [] as string[] };
}

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
      collectPhoneFiles(bundle as unknown as Record<string, BundleItem>);
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
