/**
 * The phone's clock against the registry's, as the latest answer's `Date` header shows it: kept in
 * memory for the next push (`clockOffsetS`), in meta for the warning after a reload, and told to the
 * sync bar. Stateful per engine. Written to meta only when it moved by 2 s or more, so a sync does not
 * cost one more IndexedDB transaction per request; a lost write costs only a stale warning.
 */
import type { JaringDb } from '../db';
import { loadClockOffset, storeClockOffset } from './device-credentials';

/** Round trips and the header's whole seconds make a second or so of noise. */
const STORE_WHEN_MOVED_S = 2;

export interface ClockWatch {
  /** The latest offset (s), undefined before any answer or stored measurement. */
  current(): number | undefined;
  /** Reads the stored offset once, so the first push after a reload carries it. */
  load(): Promise<void>;
  note(offsetS: number): void;
}

export function createClockWatch(
  /** The connection to write with, asked at each use (the engine's bookkeeping one). */
  dbOf: () => JaringDb,
  now: () => number,
  onChange: (offsetS: number) => void,
): ClockWatch {
  let current: number | undefined;
  let stored: number | undefined;
  let isLoaded = false;
  return {
    current: () => current,
    async load() {
      if (isLoaded) return;
      isLoaded = true;
      const saved = await loadClockOffset(dbOf()).catch(() => undefined);
      stored ??= saved?.offsetS;
      current ??= saved?.offsetS;
    },
    note(offsetS) {
      if (offsetS !== current) onChange(offsetS);
      current = offsetS;
      if (stored !== undefined && Math.abs(offsetS - stored) < STORE_WHEN_MOVED_S) return;
      stored = offsetS;
      const measuredAt = new Date(now()).toISOString();
      void storeClockOffset(dbOf(), { offsetS, measuredAt }).catch(() => undefined);
    },
  };
}
