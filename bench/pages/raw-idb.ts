/**
 * Plain IndexedDB (no Dexie), the platform's own speed: the baseline the app's paths are measured
 * against. Databases are created by Dexie (same schema, same indexes) and reopened here natively.
 */

export function requestToPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Opens an existing database at its current version (schema made elsewhere). */
export function openNative(name: string): Promise<IDBDatabase> {
  return requestToPromise(indexedDB.open(name));
}

export async function deleteDatabase(name: string): Promise<void> {
  await requestToPromise(indexedDB.deleteDatabase(name));
}

/** One object per store and transaction: `rows[i]` goes into `stores[i]`. Strict, like the app. */
export async function putInOneTransaction(
  db: IDBDatabase,
  stores: string[],
  rowsPerStore: unknown[][],
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  const done = transactionDone(tx);
  stores.forEach((store, i) => {
    const objectStore = tx.objectStore(store);
    for (const row of rowsPerStore[i]!) objectStore.put(row);
  });
  await done;
}

/** Puts `rows` into `putStore` and deletes `keys` from `deleteStore`, all in one strict transaction. */
export async function putAndDeleteInOneTransaction(
  db: IDBDatabase,
  put: { store: string; rows: unknown[] },
  remove: { store: string; keys: IDBValidKey[] },
): Promise<void> {
  const tx = db.transaction([put.store, remove.store], 'readwrite', { durability: 'strict' });
  const done = transactionDone(tx);
  const putStore = tx.objectStore(put.store);
  for (const row of put.rows) putStore.put(row);
  const deleteStore = tx.objectStore(remove.store);
  for (const key of remove.keys) deleteStore.delete(key);
  await done;
}
