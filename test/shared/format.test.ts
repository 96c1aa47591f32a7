/**
 * One locale choice for both apps: Indonesian as Indonesians write numbers and dates, English as
 * British English does.
 */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDay, formatMoment, localeOf } from '../../src/shared/format';

describe('format', () => {
  it('picks id-ID for Indonesian and en-GB for English', () => {
    expect([localeOf('id'), localeOf('en')]).toEqual(['id-ID', 'en-GB']);
  });

  it('groups thousands as each language does', () => {
    expect(formatCount(26_400, 'id')).toBe('26.400');
    expect(formatCount(26_400, 'en')).toBe('26,400');
  });

  it('writes the day in the zone asked for: 01:30 WIB on 2 December is still 1 December in UTC', () => {
    const at = '2026-12-01T18:30:00.000Z';
    expect(formatDay(at, 'id', 'Asia/Jakarta')).toBe('2 Desember 2026');
    expect(formatDay(at, 'en', 'Asia/Jakarta')).toBe('2 December 2026');
    expect(formatDay(at, 'id', 'UTC')).toBe('1 Desember 2026');
  });

  it('writes a moment to the minute, with the time separator of each language', () => {
    const at = Date.UTC(2026, 11, 2, 7, 5);
    // The runtime's zone decides the hour; the minute and the separator do not depend on it.
    expect(formatMoment(at, 'id')).toMatch(/2026.* \d{2}\.05$/);
    expect(formatMoment(at, 'en')).toMatch(/2026.* \d{2}:05$/);
  });

  it('writes sizes in the largest unit, with the decimal mark of each language', () => {
    expect(formatBytes(512, 'id')).toBe('512 B');
    expect(formatBytes(1536, 'id')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3 GB');
  });
});
