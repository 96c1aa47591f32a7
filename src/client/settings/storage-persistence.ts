/**
 * Persistent storage: without it, a browser short of space may evict IndexedDB — records not yet
 * sent would be lost. Asked once, after the first save (browsers grant it more readily once the
 * site holds data the person created); the fact that it was asked is kept in meta.
 */
import type { JaringDb } from '../db';
import { loadStore } from '../shell/services';

const ASKED_KEY = 'storagePersistAsked';

export interface StorageStatus {
  /** undefined when the browser cannot tell. */
  isPersistent: boolean | undefined;
  usageBytes: number | undefined;
  quotaBytes: number | undefined;
}

/** Asks for persistent storage the first time it is called on this phone; later calls do nothing. */
export async function requestPersistenceOnce(db: JaringDb): Promise<void> {
  const { getMeta, setMeta } = await loadStore();
  if (await getMeta<boolean>(db, ASKED_KEY)) return;
  await setMeta(db, ASKED_KEY, true);
  await requestPersistence();
}

export async function requestPersistence(): Promise<boolean | undefined> {
  try {
    return await navigator.storage?.persist?.();
  } catch {
    return undefined;
  }
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage;
  const [isPersistent, estimate] = await Promise.all([
    storage?.persisted?.().catch(() => undefined),
    storage?.estimate?.().catch(() => undefined),
  ]);
  return { isPersistent, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
}
