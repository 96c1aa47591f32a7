/**
 * The status poll's schedule: 15 s → 45 s while nothing changes (a verdict shows within a minute),
 * back to 15 s after a change or on becoming visible, up to 5 minutes while the registry fails; no
 * polls while hidden, not enrolled or refused, nor while the engine waits out a failure.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStatusStore, INITIAL_STATUS, type SyncStatus } from '../../../src/client/sync/status-store';
import { attachStatusPoll, DEFAULT_POLL_POLICY, nextPollDelay } from '../../../src/client/sync/status-poll';
import type { SyncOutcome } from '../../../src/client/sync/sync-types';

const QUIET: SyncOutcome = { kind: 'synced', pushed: 0, parked: 0, pulled: 0 };
const CHANGED: SyncOutcome = { kind: 'synced', pushed: 0, parked: 0, pulled: 1 };
const FAILED: SyncOutcome = { kind: 'failed', failure: { code: 'offline', isTransient: true } };
const S = 1_000;

describe('nextPollDelay', () => {
  it.each<[string, number, SyncOutcome, number]>([
    ['quiet doubles', 15 * S, QUIET, 30 * S],
    ['quiet stops under a minute', 30 * S, QUIET, 45 * S],
    ['quiet stays there', 45 * S, QUIET, 45 * S],
    ['another tab ran: quiet', 15 * S, { kind: 'busy' }, 30 * S],
    ['a change: soon again', 45 * S, CHANGED, 15 * S],
    ['something sent: soon again', 45 * S, { ...QUIET, pushed: 2 }, 15 * S],
    ['failing doubles past a minute', 45 * S, FAILED, 90 * S],
    ['failing stops at 5 minutes', 240 * S, FAILED, 300 * S],
    ['answering again after failures: under a minute', 300 * S, QUIET, 45 * S],
  ])('%s', (_label, previous, outcome, next) => {
    expect(nextPollDelay(previous, outcome, DEFAULT_POLL_POLICY)).toBe(next);
  });
});

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** An engine whose runs answer what the test says; the poll is the subject here. */
function scriptedEngine(status: Partial<SyncStatus>, outcomes: SyncOutcome[] = []) {
  const store = createStatusStore({ ...INITIAL_STATUS, ...status });
  const polledAt: number[] = [];
  const engine = {
    status: store,
    syncOnce: () => (polledAt.push(Date.now()), Promise.resolve(outcomes.shift() ?? QUIET)),
  };
  const detach = attachStatusPoll(engine, { window, document, policy: DEFAULT_POLL_POLICY });
  return { store, polledAt, detach };
}

describe('attachStatusPoll', () => {
  let detach = () => {};
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    setVisibility('visible');
  });
  afterEach(() => {
    detach();
    vi.useRealTimers();
  });

  it('polls at 15, 45, 90, 135 s while quiet, and 15 s after a change', async () => {
    const phone = scriptedEngine({ isEnrolled: true }, [QUIET, QUIET, QUIET, CHANGED, QUIET]);
    detach = phone.detach;
    await vi.advanceTimersByTimeAsync(200 * S);
    expect(phone.polledAt.slice(0, 6)).toEqual([15, 45, 90, 135, 150, 180].map((s) => s * S));
  });

  it('does not poll while hidden, and starts again soon after becoming visible', async () => {
    const phone = scriptedEngine({ isEnrolled: true });
    detach = phone.detach;
    await vi.advanceTimersByTimeAsync(20 * S);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(600 * S);
    expect(phone.polledAt).toEqual([15 * S]);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(15 * S);
    expect(phone.polledAt).toEqual([15 * S, 635 * S]);
  });

  it('does not poll a phone that is not enrolled, or whose token was refused; enrolling starts it', async () => {
    const phone = scriptedEngine({ isEnrolled: false });
    detach = phone.detach;
    await vi.advanceTimersByTimeAsync(120 * S);
    expect(phone.polledAt).toEqual([]);
    phone.store.update({ isEnrolled: true });
    await vi.advanceTimersByTimeAsync(15 * S);
    expect(phone.polledAt).toEqual([135 * S]);
    phone.store.update({ needsEnrollment: true });
    await vi.advanceTimersByTimeAsync(600 * S);
    expect(phone.polledAt).toEqual([135 * S]);
  });

  it('slows to 5 minutes while the registry fails, and leaves a pending retry to the engine', async () => {
    const phone = scriptedEngine(
      { isEnrolled: true, lastError: 'offline' },
      Array<SyncOutcome>(6).fill(FAILED),
    );
    detach = phone.detach;
    await vi.advanceTimersByTimeAsync(1_000 * S);
    expect(phone.polledAt).toEqual([15, 45, 105, 225, 465, 765].map((s) => s * S));

    // The engine's own retry gets through: the next poll comes within a minute again.
    phone.store.update({ lastError: undefined, lastSuccessAt: new Date().toISOString() });
    await vi.advanceTimersByTimeAsync(45 * S);
    expect(phone.polledAt.at(-1)).toBe(1_045 * S);

    const waiting = scriptedEngine({ isEnrolled: true, nextRetryAt: 10_000 * S });
    await vi.advanceTimersByTimeAsync(100 * S);
    waiting.detach();
    expect(waiting.polledAt).toEqual([]);
  });
});
