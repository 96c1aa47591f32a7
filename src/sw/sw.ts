/**
 * The service worker, kept small: precache the whole build (the list is injected at build time),
 * answer every navigation with the cached index.html so the app opens offline, and activate a new
 * version only when the page asks (SKIP_WAITING from the update prompt). Sync logic does not live here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Hash routes all load index.html; API calls must reach the network (or fail), never get the app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// BACKGROUND SYNC SLOT: the sync engine adds its `sync` event handler here (wake or message the open
// windows so they drain the outbox; the sync logic itself stays in src/client/sync).
