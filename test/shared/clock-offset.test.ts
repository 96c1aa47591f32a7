import { describe, expect, it } from 'vitest';
import { describeOffset, isClockOff, measureClockOffsetS, offsetParts } from '../../src/shared/clock-offset';
import { CLOCK_OFFSET_LIMIT_S } from '../../src/shared/sync-protocol';

const REGISTRY = 'Wed, 02 Dec 2026 04:00:00 GMT';
const REGISTRY_MS = Date.parse(REGISTRY);

describe('the phone clock against the registry’s Date header', () => {
  it.each([
    ['in step (the header truncates to the second)', REGISTRY_MS + 400, REGISTRY_MS + 600, 0],
    ['2 hours ahead', REGISTRY_MS + 7_200_000, REGISTRY_MS + 7_201_000, 7_200],
    ['11 minutes behind', REGISTRY_MS - 660_000, REGISTRY_MS - 659_000, -660],
    ['a year behind', REGISTRY_MS - 365 * 86_400_000, REGISTRY_MS - 365 * 86_400_000 + 1_000, -365 * 86_400],
  ])('%s', (_label, sent, received, expected) => {
    expect(measureClockOffsetS(sent, received, REGISTRY)).toBe(expected);
  });

  it('is clamped to ±10 years and undefined without a readable header', () => {
    expect(measureClockOffsetS(8.64e15, 8.64e15, REGISTRY)).toBe(CLOCK_OFFSET_LIMIT_S);
    expect(measureClockOffsetS(0, 0, 'soon')).toBeUndefined();
    expect(measureClockOffsetS(0, 0, null)).toBeUndefined();
  });

  it.each([
    [600, false],
    [601, true],
    [-601, true],
    [null, false],
    [undefined, false],
  ])('%s s off → warn %s', (offset, expected) => {
    expect(isClockOff(offset)).toBe(expected);
  });

  it.each([
    [660, 'id', '11 menit'],
    [-(2 * 86_400 + 3 * 3_600 + 5 * 60), 'id', '2 hari 3 jam'],
    [3 * 3_600 + 60, 'en', '3 hours 1 minute'],
    [20, 'en', '0 minutes'],
  ] as const)('%s s in %s: "%s"', (offset, lang, text) => {
    expect(describeOffset(offset, lang)).toBe(text);
  });

  it('says which way', () => {
    expect(offsetParts(7_200).isAhead).toBe(true);
    expect(offsetParts(-7_200).isAhead).toBe(false);
  });
});
