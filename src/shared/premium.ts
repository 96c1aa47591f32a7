/**
 * BPJS Ketenagakerjaan premium maths for pekerja bukan penerima upah, in integer rupiah.
 * JKK (work accident) is 1% of the declared monthly income bracket; JKM (death) a flat Rp6,800;
 * JHT (old-age savings, optional) 2%. The lowest bracket, Rp1,000,000, gives JKK + JKM = Rp16,800.
 */
export const INCOME_BRACKETS = [
  1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000, 4_500_000, 5_000_000,
  6_000_000, 7_000_000, 8_000_000, 9_000_000, 10_000_000,
] as const;
export const LOWEST_INCOME_BRACKET = INCOME_BRACKETS[0];

export const JKM_MONTHLY = 6_800;
const JKK_PERCENT = 1;
const JHT_PERCENT = 2;

export const PROGRAMMES = ['JKK_JKM', 'JKK_JKM_JHT'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export interface MonthlyPremium {
  jkk: number;
  jkm: number;
  jht: number;
  total: number;
}

export function isIncomeBracket(income: number): boolean {
  return (INCOME_BRACKETS as readonly number[]).includes(income);
}

/** Integer percent of an integer rupiah amount, rounded to the nearest rupiah. */
function percentOf(amount: number, percent: number): number {
  return Math.round((amount * percent) / 100);
}

export function monthlyPremium(income: number, programme: Programme = 'JKK_JKM'): MonthlyPremium {
  const jkk = percentOf(income, JKK_PERCENT);
  const jht = programme === 'JKK_JKM_JHT' ? percentOf(income, JHT_PERCENT) : 0;
  return { jkk, jkm: JKM_MONTHLY, jht, total: jkk + JKM_MONTHLY + jht };
}

export function yearlyPremium(income: number, programme: Programme = 'JKK_JKM'): number {
  return monthlyPremium(income, programme).total * 12;
}

/** What the city budget (APBD) pays per person per month: JKK + JKM at the lowest bracket. */
export const APBD_MONTHLY_PER_PERSON = monthlyPremium(LOWEST_INCOME_BRACKET).total;

/** APBD cost for a number of people covered at the lowest bracket. */
export function apbdCost(people: number): { monthly: number; yearly: number } {
  const monthly = people * APBD_MONTHLY_PER_PERSON;
  return { monthly, yearly: monthly * 12 };
}

/** Formats rupiah the Indonesian way: "Rp16.800". */
export function formatRupiah(amount: number): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp${digits}`;
}
