/**
 * A phone's clock against the registry's: measured from the registry's `Date` header, warned about
 * past CLOCK_WARNING_S, and put in words by the phone and by Kantor from the same parts. Pure: the
 * times come in as arguments.
 */
import { CLOCK_OFFSET_LIMIT_S, CLOCK_WARNING_S } from './sync-protocol';

/**
 * Phone clock − registry clock in whole seconds, from one request: the phone's time when it sent it
 * and when the answer came, and the answer's `Date` header. The header is whole seconds, truncated,
 * so the registry's time is taken half a second later; the phone's is the midpoint of the round trip.
 * Undefined when the header is missing or unreadable. Clamped to ±CLOCK_OFFSET_LIMIT_S.
 */
export function measureClockOffsetS(
  sentAtMs: number,
  receivedAtMs: number,
  dateHeader: string | null | undefined,
): number | undefined {
  const registryMs = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(registryMs)) return undefined;
  const phoneMs = (sentAtMs + receivedAtMs) / 2;
  const offset = Math.round((phoneMs - (registryMs + 500)) / 1000);
  return Math.max(-CLOCK_OFFSET_LIMIT_S, Math.min(CLOCK_OFFSET_LIMIT_S, offset));
}

/** More than 10 minutes either way. */
export function isClockOff(offsetS: number | null | undefined): offsetS is number {
  return typeof offsetS === 'number' && Math.abs(offsetS) > CLOCK_WARNING_S;
}

export interface OffsetParts {
  /** The phone's clock is ahead of the registry's (false: behind). */
  isAhead: boolean;
  days: number;
  hours: number;
  minutes: number;
}

export function offsetParts(offsetS: number): OffsetParts {
  const total = Math.round(Math.abs(offsetS) / 60);
  return {
    isAhead: offsetS > 0,
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}

const UNITS = {
  id: { days: 'hari', hours: 'jam', minutes: 'menit' },
  en: { days: 'days', hours: 'hours', minutes: 'minutes' },
  enOne: { days: 'day', hours: 'hour', minutes: 'minute' },
} as const;

/** "2 hari 3 jam", "45 menit" / "2 days 3 hours": the two largest non-zero units. */
export function describeOffset(offsetS: number, lang: 'id' | 'en'): string {
  const parts = offsetParts(offsetS);
  const units = (['days', 'hours', 'minutes'] as const).filter((unit) => parts[unit] > 0).slice(0, 2);
  if (units.length === 0) return `0 ${UNITS[lang].minutes}`;
  const word = (unit: (typeof units)[number]) =>
    parts[unit] === 1 && lang === 'en' ? UNITS.enOne[unit] : UNITS[lang][unit];
  return units.map((unit) => `${parts[unit]} ${word(unit)}`).join(' ');
}
