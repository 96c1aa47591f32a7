/**
 * Hooks for components: the engine (from context in tests, else the app's instance), its status as
 * live state, the records needing the volunteer, and a clock that ticks for "5 menit lalu".
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { listNeedingAttention, observe, type StoredRegistration } from '../db';
import { useDb, useServices } from '../shell/services';
import { getAppSyncEngine } from './app-sync';
import type { SyncEngine } from './sync-engine';
import type { SyncStatus } from './status-store';

/** Tests (and stories) provide their own engine; the app leaves it empty. */
export const SyncEngineContext = createContext<SyncEngine | null>(null);

export function useSyncEngine(): SyncEngine {
  const provided = useContext(SyncEngineContext);
  const db = useDb();
  return provided ?? getAppSyncEngine(db);
}

export function useSyncStatus(): SyncStatus {
  const engine = useSyncEngine();
  const [status, setStatus] = useState(engine.status.get);
  useEffect(() => {
    setStatus(engine.status.get());
    return engine.status.subscribe(setStatus);
  }, [engine]);
  return status;
}

export function useNeedingAttention(): StoredRegistration[] {
  const db = useDb();
  const [records, setRecords] = useState<StoredRegistration[]>([]);
  useEffect(() => observe(() => listNeedingAttention(db)).subscribe(setRecords), [db]);
  return records;
}

/** The app clock in epoch ms, re-read every `intervalMs` so relative times stay true. */
export function useNowMs(intervalMs = 30_000): number {
  const { now } = useServices();
  const [nowMs, setNowMs] = useState(() => now().getTime());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(now().getTime()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return nowMs;
}
