/**
 * How the rest of the app asks for a sync without loading the engine (which pulls in the database
 * code): an event on `window` that the running engine listens to (see sync-triggers.ts). After a save,
 * a Background Sync tag is also registered where the browser has it, so the service worker can wake
 * a window to send even if the volunteer closes the tab with no signal. Stateless.
 */
import { BACKGROUND_SYNC_TAG } from '../../shared/sync-wakeup';
import type { SyncTrigger } from './sync-engine';

export const SYNC_REQUEST_EVENT = 'jaring:sync-request';
export { BACKGROUND_SYNC_TAG, SW_SYNC_MESSAGE } from '../../shared/sync-wakeup';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks for a sync soon. Call after every successful save; never throws, never waits. */
export function requestSync(trigger: SyncTrigger = 'save'): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<SyncTrigger>(SYNC_REQUEST_EVENT, { detail: trigger }));
  if (trigger === 'save') void registerBackgroundSync();
}

/** Registers the Background Sync tag (Chromium); silently nothing where it is missing or refused. */
export async function registerBackgroundSync(): Promise<void> {
  try {
    const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
    if (!container) return;
    const registration = (await container.ready) as ServiceWorkerRegistration & { sync?: SyncManagerLike };
    await registration.sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Not supported, or permission refused: the in-page triggers still send everything.
  }
}
