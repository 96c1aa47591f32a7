/**
 * Registers the service worker with workbox-window. Imported dynamically after the first paint, so
 * workbox-window is not in the first screen's JavaScript. Update by prompt: a waiting worker is
 * offered (update-offer.ts); only when the volunteer accepts is it told to skip waiting, and the page
 * reloads once the new worker controls it.
 */
import { Workbox } from 'workbox-window';
import { offerUpdate } from './update-offer';

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  const workbox = new Workbox(`${base}sw.js`, { scope: base });
  workbox.addEventListener('waiting', () => {
    offerUpdate(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  await workbox.register();
}
