/**
 * "5 menit lalu" / "5 minutes ago": how long ago something happened, in the UI language. Indonesian
 * is written out by hand (Intl says "5 menit yang lalu", longer than the bar has room for); English
 * uses Intl.RelativeTimeFormat for its plurals. Pure: both times come in.
 */
import type { Lang } from '../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = 'minute' | 'hour' | 'day';
const INDONESIAN_UNIT: Record<Unit, string> = { minute: 'menit', hour: 'jam', day: 'hari' };

function largestUnit(elapsedMs: number): { value: number; unit: Unit } {
  if (elapsedMs >= DAY) return { value: Math.floor(elapsedMs / DAY), unit: 'day' };
  if (elapsedMs >= HOUR) return { value: Math.floor(elapsedMs / HOUR), unit: 'hour' };
  return { value: Math.floor(elapsedMs / MINUTE), unit: 'minute' };
}

export function formatTimeAgo(thenIso: string, nowMs: number, lang: Lang): string {
  // A clock that was wrong at the time can put "then" in the future: say "just now", not "in 3 hours".
  const elapsed = Math.max(0, nowMs - Date.parse(thenIso));
  if (elapsed < MINUTE) return lang === 'en' ? 'just now' : 'baru saja';
  const { value, unit } = largestUnit(elapsed);
  if (lang === 'en') return new Intl.RelativeTimeFormat('en', { numeric: 'always' }).format(-value, unit);
  return `${value} ${INDONESIAN_UNIT[unit]} lalu`;
}

/** Whole days between two instants (for the "not sent for 3 days" warning). */
export function daysBetween(thenIso: string, nowMs: number): number {
  return Math.floor((nowMs - Date.parse(thenIso)) / DAY);
}
