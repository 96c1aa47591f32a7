/**
 * The app's one sync engine, made on first use for the open database, with the browser's fetch,
 * clock, randomness and Web Locks, and the triggers and the status poll attached. This is the composition root: the
 * engine itself keeps no module state; this map is the single place that remembers the instance.
 */
import type { JaringDb } from '../db';
import { createSyncEngine, type SyncEngine } from './sync-engine';
import { attachStatusPoll } from './status-poll';
import { attachSyncTriggers } from './sync-triggers';

const engines = new WeakMap<JaringDb, SyncEngine>();

/** The registry's origin: the app's own unless the build sets VITE_REGISTRY_URL. */
function registryBaseUrl(): string {
  const configured = (import.meta.env as Record<string, string | undefined>).VITE_REGISTRY_URL;
  return configured?.replace(/\/$/, '') ?? '';
}

export function getAppSyncEngine(db: JaringDb): SyncEngine {
  const existing = engines.get(db);
  if (existing) return existing;
  const engine = createSyncEngine({
    db,
    baseUrl: registryBaseUrl(),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    random: Math.random,
  });
  engines.set(db, engine);
  attachSyncTriggers(engine);
  attachStatusPoll(engine);
  void engine.start();
  return engine;
}
