/**
 * Which drafts this app start has already settled. The "continue or discard?" offer is for typing left
 * over from before the app started; once the volunteer answered it (or the form found no draft), any
 * draft stored under that id since is this start's own typing, and coming back to the form restores it
 * without asking again.
 *
 * One app start = one AppServices object (made once in main.tsx; tests make one per rendered app), so
 * the memory is keyed by it and ends with it: a reload asks again, a route change does not.
 */
import type { AppServices } from '../shell/services';

const settledByApp = new WeakMap<AppServices, Set<string>>();

/** The volunteer answered the offer for `draftId`, or there was nothing to offer. */
export function markDraftSettled(app: AppServices, draftId: string): void {
  const settled = settledByApp.get(app) ?? new Set<string>();
  settled.add(draftId);
  settledByApp.set(app, settled);
}

/** True when a stored `draftId` was typed during this app start, so it needs no offer. */
export function isDraftSettled(app: AppServices, draftId: string): boolean {
  return settledByApp.get(app)?.has(draftId) ?? false;
}
