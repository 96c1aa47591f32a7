/**
 * What the app shell mounts in its header: an empty row of the sync bar's size until the database is
 * open and the bar's code is loaded (a chunk of its own, so the engine and its storage code stay off
 * the first paint), then the sync bar.
 */
import { useContext } from 'preact/hooks';
import { DbContext } from '../shell/services';
import { lazyScreen } from '../shell/lazy-screen';

function SyncRowPlaceholder() {
  return <div class="sync-row sync-row-placeholder" aria-hidden="true" />;
}

const LazySyncBar = lazyScreen(() => import('./SyncBar').then((m) => m.SyncBar), SyncRowPlaceholder);

export function SyncBarSlot() {
  const db = useContext(DbContext);
  return db ? <LazySyncBar /> : <SyncRowPlaceholder />;
}
