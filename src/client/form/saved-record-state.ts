/**
 * What became of a record just saved, for the save notice: its sync state, live (the sync engine
 * writes it when the registry answers), and whether the browser thinks it is online. Read through
 * `loadStore()` because the form is on the first paint's path (no storage code imported here).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncState } from '../db';
import { loadStore, useServices } from '../shell/services';

export function useSavedRecordState(id: string): SyncState | undefined {
  const { getDb } = useServices();
  const [state, setState] = useState<SyncState>();
  useEffect(() => {
    let isCurrent = true;
    let unsubscribe = () => {};
    void Promise.all([getDb(), loadStore()]).then(([db, store]) => {
      if (!isCurrent) return;
      unsubscribe = store
        .observe(() => store.getRegistration(db, id))
        .subscribe(
          (record) => setState(record?.syncState),
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
