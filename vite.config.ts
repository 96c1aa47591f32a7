/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { kantorEntry, keepPhoneAssetsOnly, OFFICE_ASSET_PREFIX } from './scripts/vite-kantor.ts';
import { precompressBuild } from './scripts/vite-precompress.ts';

const isVitest = process.env.VITEST !== undefined;

/** The web manifest, in Indonesian: what the phone shows when Jaring is installed. */
const manifest: Partial<ManifestOptions> = {
  name: 'Jaring — Pendaftaran Pekerja Rentan',
  short_name: 'Jaring',
  description:
    'Daftarkan pekerja rentan Kota Malang ke BPJS Ketenagakerjaan, juga tanpa sinyal. Data tersimpan aman di HP dan terkirim otomatis saat ada koneksi.',
  lang: 'id',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'portrait',
  theme_color: '#0b6e4f',
  background_color: '#ffffff',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: isVitest
    ? []
    : [
        kantorEntry(),
        VitePWA({
          strategies: 'injectManifest',
          srcDir: 'src/sw',
          filename: 'sw.ts',
          registerType: 'prompt',
          injectRegister: false,
          manifest,
          injectManifest: {
            // A classic service worker registration rejects an ES module ending in `export default`.
            rollupFormat: 'iife',
            globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
            // Kantor, the office console, is never precached on a volunteer's phone.
            globIgnores: ['kantor/**', `assets/${OFFICE_ASSET_PREFIX}*`],
            // …and the libraries Kantor loads lazily, which keep ordinary names.
            manifestTransforms: [keepPhoneAssetsOnly],
          },
          devOptions: { enabled: false },
        }),
        precompressBuild(),
      ],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  // Source maps for debugging a build on the server, never referenced from the served files nor served
  // (src/server/static.ts refuses *.map): 'hidden' leaves out the sourceMappingURL comment.
  build: { target: 'es2022', sourcemap: 'hidden' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/shared/**/*.test.ts',
            'test/server/**/*.test.ts',
            'test/sync/**/*.test.ts',
            'test/deploy/**/*.test.ts',
            'test/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'happy-dom',
          include: ['test/client/**/*.test.{ts,tsx}', 'test/office/**/*.test.{ts,tsx}'],
          setupFiles: ['test/client/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/build/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
