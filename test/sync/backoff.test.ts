import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '../../src/client/sync/backoff';

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

  it('never retries before Retry-After, and never waits past the cap', () => {
    expect(backoffDelay(1, () => 0, policy, 7_000)).toBe(7_000);
    expect(backoffDelay(1, () => 0, policy, 3_600_000)).toBe(60_000);
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
