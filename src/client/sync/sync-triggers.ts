/**
 * When the app asks the engine to sync: a save (the `jaring:sync-request` event), the network coming
 * back (`online`), the tab becoming visible, a Background Sync wake-up relayed by the service worker,
 * and a timer while records wait and the app is in front. `navigator.onLine` only feeds the sync bar's
 * hint: a run is always attempted, because "online" is often wrong (captive portals, dead cell data).
 */
import { SW_SYNC_MESSAGE, SYNC_REQUEST_EVENT } from './request-sync';
import type { SyncEngine, SyncTrigger } from './sync-engine';

export interface TriggerEnvironment {
  window: Window;
  document: Document;
  /** How often to retry while records wait and the page is visible. */
  timerMs: number;
}

export const DEFAULT_TIMER_MS = 60_000;

/** Wires the triggers; returns a function that removes every listener and the timer. */
export function attachSyncTriggers(
  engine: Pick<SyncEngine, 'status' | 'requestSync' | 'noteOnlineHint'>,
  env: TriggerEnvironment = { window, document, timerMs: DEFAULT_TIMER_MS },
): () => void {
  const { window: win, document: doc } = env;
  const isVisible = () => doc.visibilityState === 'visible';
  const onOnline = () => (engine.noteOnlineHint(true), engine.requestSync('online'));
  const onOffline = () => engine.noteOnlineHint(false);
  const onVisibility = () => isVisible() && engine.requestSync('visible');
  const onRequest = (event: Event) =>
    engine.requestSync((event as CustomEvent<SyncTrigger>).detail ?? 'save');
  const onWorkerMessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === SW_SYNC_MESSAGE) engine.requestSync('background');
  };
  const serviceWorker = win.navigator.serviceWorker as ServiceWorkerContainer | undefined;

  engine.noteOnlineHint(win.navigator.onLine !== false);
  win.addEventListener('online', onOnline);
  win.addEventListener('offline', onOffline);
  win.addEventListener(SYNC_REQUEST_EVENT, onRequest);
  doc.addEventListener('visibilitychange', onVisibility);
  serviceWorker?.addEventListener('message', onWorkerMessage);
  const timer = win.setInterval(() => {
    if (isVisible() && engine.status.get().waiting > 0) engine.requestSync('timer');
  }, env.timerMs);

  return () => {
    win.removeEventListener('online', onOnline);
    win.removeEventListener('offline', onOffline);
    win.removeEventListener(SYNC_REQUEST_EVENT, onRequest);
    doc.removeEventListener('visibilitychange', onVisibility);
    serviceWorker?.removeEventListener('message', onWorkerMessage);
    win.clearInterval(timer);
  };
}
