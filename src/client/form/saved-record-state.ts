/**
 * What became of a record just saved, for the save notice: its sync state, live (the sync engine
 * writes it when the registry answers), whether the phone can send at all (enrolled, token not
 * refused), and whether the browser thinks it is online. Read through `loadStore()` because the form
 * is on the first paint's path (no storage code imported here).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncState } from '../db';
import { loadStore, useServices } from '../shell/services';
import { SYNC_META_KEYS } from '../sync/meta-keys';

export interface SavedRecordState {
  syncState: SyncState | undefined;
  /** Enrolled and not refused: the record goes as soon as the registry is reached. */
  canSend: boolean;
}

export function useSavedRecordState(id: string): SavedRecordState | undefined {
  const { getDb } = useServices();
  const [state, setState] = useState<SavedRecordState>();
  useEffect(() => {
    let isCurrent = true;
    let unsubscribe = () => {};
    void Promise.all([getDb(), loadStore()]).then(([db, store]) => {
      if (!isCurrent) return;
      const read = async (): Promise<SavedRecordState> => {
        const [record, device, refused] = await Promise.all([
          store.getRegistration(db, id),
          store.getMeta(db, SYNC_META_KEYS.device),
          store.getMeta(db, SYNC_META_KEYS.authProblem),
        ]);
        return { syncState: record?.syncState, canSend: device !== undefined && refused === undefined };
      };
      unsubscribe = store.observe(read).subscribe(
        setState,
        () => undefined, // a closed database: the shell asks for a reload; the notice keeps its text
      );
    });
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [getDb, id]);
  return state;
}

/** navigator.onLine, kept current: only a hint (a captive portal says "online" too). */
export function useOnlineHint(): boolean {
  const [isOnline, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update(); // a change between the first render and this effect
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return isOnline;
}
