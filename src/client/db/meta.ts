/**
 * Small key/value settings kept with the data (language, whether persistence was asked, the sync
 * cursor, the device id). Values must be structured-cloneable. Callers name the type they stored.
 */
import type { JaringDb } from './database';

export async function getMeta<T = unknown>(db: JaringDb, key: string): Promise<T | undefined> {
  const row = await db.meta.get(key);
  return row?.value as T | undefined; // the caller stored it under this key, so it knows its type
}

export async function setMeta(db: JaringDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}
