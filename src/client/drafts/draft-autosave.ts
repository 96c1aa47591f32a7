/**
 * Draft autosave. Stateful (module level, on purpose): the draft writes not yet on disk, whichever
 * screen holds the form, so the update prompt can ask `hasUnsavedDraft()` and `flushDrafts()` before
 * it reloads. Invariant: a typed value is on disk within DRAFT_DEBOUNCE_MS of the last keystroke, or
 * at once when the page is hidden or unloaded.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JaringDb } from '../db';
import { loadStore } from '../shell/services';

export const DRAFT_DEBOUNCE_MS = 500;

interface PendingWrite {
  id: string;
  getDb: () => Promise<JaringDb>;
  values: Record<string, unknown>;
  now: () => Date;
  timer: ReturnType<typeof setTimeout>;
}

export type DraftStatus = 'idle' | 'saved' | 'failed';

const scheduled = new Map<string, PendingWrite>();
const inFlight = new Set<Promise<void>>();
const statusListeners = new Set<(id: string, status: DraftStatus) => void>();

/** True while some typed value is not yet written to the drafts table. */
export function hasUnsavedDraft(): boolean {
  return scheduled.size > 0 || inFlight.size > 0;
}

/** True while a write for draft `id` waits for its debounce (not yet started). */
export function isDraftScheduled(id: string): boolean {
  return scheduled.has(id);
}

async function writeDraft(write: PendingWrite): Promise<boolean> {
  try {
    const [db, store] = await Promise.all([write.getDb(), loadStore()]);
    return (await store.saveDraft(db, write.id, write.values, write.now())).ok;
  } catch {
    return false; // the database could not even be opened: reported like a failed write
  }
}

function writeNow(id: string): Promise<void> {
  const write = scheduled.get(id);
  if (!write) return Promise.resolve();
  clearTimeout(write.timer);
  scheduled.delete(id);
  const done = writeDraft(write).then((isOk) => {
    for (const listener of statusListeners) listener(id, isOk ? 'saved' : 'failed');
  });
  inFlight.add(done);
  return done.finally(() => inFlight.delete(done));
}

/** Writes draft `id` after the debounce; a newer call replaces the values and restarts the wait. */
export function scheduleDraftSave(
  getDb: () => Promise<JaringDb>,
  id: string,
  values: Record<string, unknown>,
  now: () => Date,
): void {
  clearTimeout(scheduled.get(id)?.timer);
  const timer = setTimeout(() => void writeNow(id), DRAFT_DEBOUNCE_MS);
  scheduled.set(id, { id, getDb, values, now, timer });
}

/** Drops a scheduled write (the record is being saved, or the draft discarded). */
export function cancelDraftSave(id: string): void {
  clearTimeout(scheduled.get(id)?.timer);
  scheduled.delete(id);
}

/**
 * Deletes draft `id` once the writes already under way are on disk (one finishing later would bring
 * the draft back). For a form emptied by hand, or edited back to the saved values: nothing to keep.
 */
async function discardDraftNow(getDb: () => Promise<JaringDb>, id: string): Promise<void> {
  cancelDraftSave(id);
  await Promise.all([...inFlight]);
  try {
    const [db, store] = await Promise.all([getDb(), loadStore()]);
    await store.discardDraft(db, id);
  } catch {
    // The next keystroke writes the draft again; an unopenable database is reported by the saves.
  }
}

/**
 * Counts `write` (the form's photo kept with its draft, draft-photo.ts) among the draft writes under
 * way, so the update prompt's flush and a save wait for it like for typed values.
 */
export function trackDraftWrite<T>(write: Promise<T>): Promise<T> {
  const done = write.then(
    () => undefined,
    () => undefined,
  );
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
  return write;
}

/**
 * Resolves once the draft writes already under way are on disk. A save waits for them: its transaction
 * deletes the draft and its photo, and a write landing after it would bring them back.
 */
export async function draftWritesSettled(): Promise<void> {
  await Promise.all([...inFlight]);
}

/** Writes every scheduled draft now and waits for all writes, including those already under way. */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...scheduled.keys()].map(writeNow));
  await Promise.all([...inFlight]);
}

function flushWhenHidden(): void {
  if (document.visibilityState === 'hidden') void flushDrafts();
}

/**
 * Autosaves `values` as draft `id` while `isDirty`, flushing when the page is hidden or closed
 * (a phone may kill a hidden tab without warning), and deletes the draft when the form stops being
 * dirty (emptied, or back to the saved values): an empty form has no draft to offer after a restart.
 * Returns the last write's status for the UI.
 */
export function useDraftAutosave(
  getDb: () => Promise<JaringDb>,
  id: string,
  values: Record<string, unknown>,
  isDirty: boolean,
  now: () => Date,
): DraftStatus {
  const [status, setStatus] = useState<DraftStatus>('idle');
  const wasDirty = useRef(false);
  useEffect(() => {
    if (isDirty) scheduleDraftSave(getDb, id, values, now);
    else if (wasDirty.current) void discardDraftNow(getDb, id).then(() => setStatus('idle'));
    wasDirty.current = isDirty;
  }, [getDb, id, values, isDirty, now]);
  useEffect(() => {
    const onStatus = (draftId: string, next: DraftStatus) => draftId === id && setStatus(next);
    const onPageHide = () => void flushDrafts();
    statusListeners.add(onStatus);
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      statusListeners.delete(onStatus);
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', onPageHide);
      void flushDrafts(); // leaving the form for another screen must not lose the last keystrokes
    };
  }, [id]);
  return status;
}
