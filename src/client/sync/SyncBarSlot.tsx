/**
 * What the app shell mounts in its header: nothing until the database is open, then the sync bar,
 * loaded as its own chunk so the engine and its storage code stay off the first paint.
 */
import { useContext } from 'preact/hooks';
import { DbContext } from '../shell/services';
import { lazyScreen } from '../shell/lazy-screen';

const LazySyncBar = lazyScreen(() => import('./SyncBar').then((m) => m.SyncBar));

export function SyncBarSlot() {
  const db = useContext(DbContext);
  return db ? <LazySyncBar /> : null;
}
