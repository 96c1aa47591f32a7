/**
 * Numbers, dates and sizes as a person reads them, in the UI language: the one place that picks the
 * locale, for the phone and Kantor alike. Indonesian as Indonesians write it ("1.200", "2 Des 2026
 * 14.05"); English as British English does (day before month, 24-hour clock), which reads closest to
 * the Indonesian order. Pure: the time zone is the runtime's unless one is given.
 */
import type { Lang } from './messages';

export const localeOf = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'id-ID');

/** "1.200" / "1,200". */
export const formatCount = (n: number, lang: Lang): string => n.toLocaleString(localeOf(lang));

/** "2 Desember 2026" / "2 December 2026"; in `timeZone` when given (the receipt's WIB day). */
export function formatDay(at: string | number, lang: Lang, timeZone?: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone && { timeZone }),
  }).format(new Date(at));
}

/** "2 Des 2026, 14.05" / "2 Dec 2026, 14:05": a moment, to the minute. */
export function formatMoment(at: string | number, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(at),
  );
}

/** "1,5 MB" / "1.5 MB": bytes in the largest unit that keeps the number at 1 or more. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 });
  return `${number.format(value)} ${units[unit]}`;
}
