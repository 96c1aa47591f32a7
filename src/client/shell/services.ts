/**
 * What the screens need from the outside world, passed in once at the top: the database, the clock
 * and the id generator. Tests give their own (a fresh database, a fixed clock).
 *
 * The database code (src/client/db, with Dexie: ~33 KB gzip) is not on the first paint's path: the
 * form paints first and `getDb()` loads it right after. Modules on the first-paint path therefore
 * reach storage only through `getDb()` and `loadStore()`; lazily loaded screens, which render once the
 * database is open, may import '../db' directly and read it with `useDb()`.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type * as DbModule from '../db';
import type { JaringDb } from '../db';
import type { PlatformSupport } from './platform-support';

export interface AppServices {
  /** The open database; the first call loads the storage code. */
  getDb: () => Promise<JaringDb>;
  now: () => Date;
  newId: () => string;
  /** What the browser offers (secure context, service worker); absent in tests that do not care. */
  platform?: PlatformSupport;
}

export type Store = typeof DbModule;

let storeLoading: Promise<Store> | undefined;

/** The storage module (repository functions), loaded on first use. */
export function loadStore(): Promise<Store> {
  return (storeLoading ??= import('../db'));
}

export const ServicesContext = createContext<AppServices | null>(null);
/** The open database, once loaded; undefined before. */
export const DbContext = createContext<JaringDb | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <App>: wrap the tree in ServicesContext');
  return services;
}

/** For screens rendered only once the database is open (the app shell waits for it). */
export function useDb(): JaringDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb before the database was opened');
  return db;
}
