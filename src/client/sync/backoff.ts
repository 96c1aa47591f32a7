/**
 * Retry timing for transient failures: exponential backoff with full jitter (a random wait between 0
 * and base·2^(attempt−1), capped), so many phones coming back online at once do not hit the registry
 * in step. A server's Retry-After is a floor — never retry earlier than it asked — up to
 * MAX_RETRY_AFTER_MS: the registry's own Retry-After values are a minute or so, and a longer one
 * (a misconfigured proxy saying "come back tomorrow") must not silence a phone that holds unsent
 * records for days. A longer Retry-After is read as MAX_RETRY_AFTER_MS, everywhere it is used.
 */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** The longest Retry-After honoured; MAX_RETRY_AFTER_MS when absent. */
  maxRetryAfterMs?: number;
}

/** 15 minutes: far above the registry's own rate-limit windows (1 minute), short enough for a field day. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** 2 s, 4 s, 8 s … up to 5 minutes, before jitter. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/** The part of a Retry-After that is honoured: 0 when absent, at most the policy's maximum. */
export function honouredRetryAfter(retryAfterMs: number | undefined, policy: BackoffPolicy): number {
  return Math.min(Math.max(0, retryAfterMs ?? 0), policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS);
}

/** The wait before retry number `attempt` (1 = the first retry). `random` returns [0, 1). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs = 0,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, honouredRetryAfter(retryAfterMs, policy));
}

/** Retry-After as seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
