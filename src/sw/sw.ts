/**
 * The service worker, kept small: precache the whole build (the list is injected at build time),
 * answer every navigation with the cached index.html so the app opens offline, and activate a new
 * version only when the page asks (SKIP_WAITING from the update prompt). Sync logic does not live here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { BACKGROUND_SYNC_TAG, SW_SYNC_MESSAGE, type SyncWakeupMessage } from '../shared/sync-wakeup';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Hash routes all load index.html; API calls must reach the network (or fail), never get the app shell.
// Kantor (/kantor/) is the office console, not part of the phone app: always from the network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/kantor(\/|$)/] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync (tag registered by the page after a save): ask the open windows to drain the
// outbox. The drain logic stays in src/client/sync; with no window open there is nothing to run.
interface SyncEventLike extends ExtendableEvent {
  tag: string;
}
self.addEventListener('sync', (event) => {
  const syncEvent = event as SyncEventLike; // SyncEvent is not in TypeScript's WebWorker lib yet
  if (syncEvent.tag !== BACKGROUND_SYNC_TAG) return;
  const wakeup: SyncWakeupMessage = { type: SW_SYNC_MESSAGE };
  syncEvent.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      for (const client of windows) client.postMessage(wakeup);
    }),
  );
});
