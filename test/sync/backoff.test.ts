import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  honouredRetryAfter,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from '../../src/client/sync/backoff';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('backoff with full jitter', () => {
  it.each([
    { attempt: 1, random: 0.999, max: 1_000 },
    { attempt: 2, random: 0.999, max: 2_000 },
    { attempt: 4, random: 0.999, max: 8_000 },
    { attempt: 30, random: 0.999, max: 60_000 },
  ])('attempt $attempt waits below $max ms', ({ attempt, random, max }) => {
    const delay = backoffDelay(attempt, () => random, policy);
    expect(delay).toBeLessThan(max);
    expect(delay).toBeGreaterThan(max * 0.99 - 1);
  });

  it('is fully jittered: random 0 means retry at once', () => {
    expect(backoffDelay(5, () => 0, policy)).toBe(0);
  });

  it('waits at least Retry-After, even past the backoff cap, but at most 15 minutes', () => {
    expect(backoffDelay(1, () => 0, policy, 7_000)).toBe(7_000);
    expect(backoffDelay(1, () => 0, policy, 10 * 60_000)).toBe(10 * 60_000); // above capMs: honoured
    expect(MAX_RETRY_AFTER_MS).toBe(15 * 60_000);
    // A proxy's "come back in a day" must not silence a phone holding unsent records.
    expect(backoffDelay(1, () => 0, policy, 86_400_000)).toBe(MAX_RETRY_AFTER_MS);
    expect(backoffDelay(1, () => 0, { ...policy, maxRetryAfterMs: 30_000 }, 86_400_000)).toBe(30_000);
  });

  it.each([
    [undefined, 0],
    [-5, 0],
    [120_000, 120_000],
    [86_400_000, MAX_RETRY_AFTER_MS],
  ])('honours a Retry-After of %s ms as %s ms', (retryAfterMs, expected) => {
    expect(honouredRetryAfter(retryAfterMs, DEFAULT_BACKOFF)).toBe(expected);
  });

  it('caps at a few minutes by default', () => {
    expect(backoffDelay(100, () => 0.999999, DEFAULT_BACKOFF)).toBeLessThanOrEqual(5 * 60_000);
  });

  it.each([
    { header: '120', expected: 120_000 },
    { header: 'Mon, 23 Nov 2026 20:00:30 GMT', expected: 30_000 },
    { header: 'Mon, 23 Nov 2026 19:00:00 GMT', expected: 0 },
    { header: 'soon', expected: undefined },
    { header: null, expected: undefined },
  ])('Retry-After $header → $expected ms', ({ header, expected }) => {
    expect(parseRetryAfter(header, Date.parse('2026-11-23T20:00:00Z'))).toBe(expected);
  });
});
