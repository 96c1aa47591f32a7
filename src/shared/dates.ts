/**
 * Calendar dates as ISO strings ("2026-11-23"). Pure: "today" is always passed in by the caller,
 * so rules are testable and the phone's clock is read in one place only.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Builds an ISO date when year/month/day name a real calendar day (29 February only in leap years). */
export function makeIsoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return makeIsoDate(year, month, day) ? { year, month, day } : undefined;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/** Whole years between a birth date and a day (a 29 February birthday counts on 1 March in other years). */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const t = parseIsoDate(today);
  if (!b || !t) return Number.NaN;
  const hadBirthday = t.month > b.month || (t.month === b.month && t.day >= b.day);
  return t.year - b.year - (hadBirthday ? 0 : 1);
}

/** The local calendar day of a clock reading, as the volunteer sees it on the phone. */
export function isoDateOf(now: Date): IsoDate {
  return makeIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}
