/**
 * Brings the office's verdicts to an open app without "Sinkronkan sekarang": while the page is visible
 * and the phone is enrolled, a run (push what waits, then pull) every 15 s at first, slowing to every
 * 45 s while nothing changes — so a verdict shows within a minute — and down to every 5 minutes while
 * the registry fails. Hidden, not enrolled or refused: no polling at all. Each poll is the engine's own
 * run (`syncOnce`), so the runner lock keeps it to one runner across tabs, and a poll never runs while
 * the engine waits out a failure (backoff, Retry-After): that retry comes first.
 */
import type { SyncEngine, SyncOutcome } from './sync-types';

export interface PollPolicy {
  /** After a change, on becoming visible, on enrolling. */
  firstMs: number;
  /** The slowest while the registry answers and nothing changes: under a minute. */
  maxQuietMs: number;
  /** The slowest while the registry fails. */
  maxFailingMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  firstMs: 15_000,
  maxQuietMs: 45_000,
  maxFailingMs: 5 * 60_000,
};

/** Pure: how long until the next poll, after a poll that waited `previousMs` and ended in `outcome`. */
export function nextPollDelay(previousMs: number, outcome: SyncOutcome, policy: PollPolicy): number {
  if (outcome.kind === 'synced' && (outcome.pulled > 0 || outcome.pushed > 0)) return policy.firstMs;
  const cap = outcome.kind === 'failed' ? policy.maxFailingMs : policy.maxQuietMs;
  return Math.min(cap, previousMs * 2);
}

export interface PollEnvironment {
  window: Window;
  document: Document;
  policy: PollPolicy;
}

/** Starts polling when it may; returns a function that stops it for good. */
export function attachStatusPoll(
  engine: Pick<SyncEngine, 'status' | 'syncOnce'>,
  env: PollEnvironment = { window, document, policy: DEFAULT_POLL_POLICY },
): () => void {
  const { window: win, document: doc, policy } = env;
  let timer: number | undefined;
  let delayMs = policy.firstMs;
  let isPolling = false;
  let isDetached = false;

  const mayPoll = () => {
    const status = engine.status.get();
    return !isDetached && doc.visibilityState === 'visible' && status.isEnrolled && !status.needsEnrollment;
  };
  const disarm = () => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
  };
  const arm = () => {
    if (timer === undefined && !isPolling && mayPoll()) timer = win.setTimeout(() => void poll(), delayMs);
  };

  async function poll(): Promise<void> {
    timer = undefined;
    if (!mayPoll()) return;
    isPolling = true;
    // Waiting out a failure: the engine's retry comes first; this poll counts as one that failed.
    const outcome: SyncOutcome =
      engine.status.get().nextRetryAt === undefined
        ? await engine.syncOnce()
        : { kind: 'failed', failure: { code: 'busy', isTransient: true } };
    isPolling = false;
    delayMs = nextPollDelay(delayMs, outcome, policy);
    arm();
  }

  const onVisibility = () => {
    if (doc.visibilityState !== 'visible') return disarm();
    delayMs = policy.firstMs; // the visible trigger syncs now; the next poll comes soon after
    arm();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  // Enrolling (or the stored status being read) makes polling possible; a refused token stops it. A run
  // that succeeded (the engine's own retry, a save) ends a failing stretch: back to under a minute.
  const unsubscribe = engine.status.subscribe((status) => {
    if (!mayPoll()) return disarm();
    if (status.lastError === undefined && delayMs > policy.maxQuietMs) {
      delayMs = policy.maxQuietMs;
      disarm();
    }
    arm();
  });
  arm();

  return () => {
    isDetached = true;
    disarm();
    unsubscribe();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
