/**
 * The phone's health report sent with each push and pull (`DeviceReport` in src/shared/sync-protocol):
 * the app's version, how many records wait in the outbox and since when, whether the browser promised
 * to keep the storage, and the phone's clock. It is advisory: when it cannot be read (storage trouble)
 * the call goes without it, and the registry ignores a report it cannot use.
 */
import { countOutbox, oldestWaitingSince, type JaringDb } from '../db';
import { MAX_APP_VERSION_LENGTH, MAX_REPORTED_PENDING, type DeviceReport } from '../../shared/sync-protocol';

/** Builds a report; `pending` may be given when the caller already knows it (counting walks the index). */
export type ReportSource = (pending?: number) => Promise<DeviceReport | undefined>;

export interface ReportSourceOptions {
  db: JaringDb;
  now: () => number;
  appVersion: string;
  /** Whether storage is persistent; undefined when the browser cannot tell. */
  storagePersisted: () => Promise<boolean | undefined>;
}

/** navigator.storage.persisted() where the browser has it. */
export async function browserStoragePersisted(): Promise<boolean | undefined> {
  try {
    const persisted = await globalThis.navigator?.storage?.persisted?.();
    return typeof persisted === 'boolean' ? persisted : undefined;
  } catch {
    return undefined;
  }
}

export function createReportSource(options: ReportSourceOptions): ReportSource {
  const appVersion = options.appVersion.slice(0, MAX_APP_VERSION_LENGTH);
  return async (pending) => {
    try {
      const [waiting, oldest, persisted] = await Promise.all([
        pending ?? countOutbox(options.db).then((counts) => counts.waiting),
        oldestWaitingSince(options.db),
        options.storagePersisted(),
      ]);
      return {
        appVersion,
        pending: Math.min(MAX_REPORTED_PENDING, Math.max(0, Math.round(waiting))),
        oldestPendingAt: oldest ?? null,
        ...(persisted !== undefined && { storagePersisted: persisted }),
        clock: new Date(options.now()).toISOString(),
      };
    } catch {
      return undefined;
    }
  };
}
