/**
 * The page ↔ service worker contract for Background Sync: the page registers BACKGROUND_SYNC_TAG
 * after a save; on the `sync` event the worker posts { type: SW_SYNC_MESSAGE } to every open window,
 * which then drains the outbox with its own sync engine.
 */
export const BACKGROUND_SYNC_TAG = 'jaring-sync';
export const SW_SYNC_MESSAGE = 'JARING_SYNC';

export interface SyncWakeupMessage {
  type: typeof SW_SYNC_MESSAGE;
}
