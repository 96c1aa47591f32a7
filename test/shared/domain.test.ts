import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, makeIsoDate } from '../../src/shared/dates';
import { normalizePhone, normalizeRtRw } from '../../src/shared/normalize';
import {
  APBD_MONTHLY_PER_PERSON,
  apbdCost,
  formatRupiah,
  INCOME_BRACKETS,
  monthlyPremium,
  yearlyPremium,
} from '../../src/shared/premium';
import {
  findKelurahan,
  KECAMATAN,
  KELURAHAN,
  kecamatanOfKelurahan,
  searchKelurahan,
} from '../../src/shared/reference';
import { nameSearchWords } from '../../src/shared/text';

describe('premium maths (integer rupiah)', () => {
  it('charges Rp16,800 a month at the lowest bracket: JKK 1% + JKM Rp6,800', () => {
    expect(monthlyPremium(1_000_000)).toEqual({ jkk: 10_000, jkm: 6_800, jht: 0, total: 16_800 });
    expect(APBD_MONTHLY_PER_PERSON).toBe(16_800);
  });

  it.each([
    [1_500_000, 'JKK_JKM', 21_800],
    [2_000_000, 'JKK_JKM_JHT', 20_000 + 6_800 + 40_000],
  ] as const)('income %i with %s → %i a month', (income, programme, total) => {
    expect(monthlyPremium(income, programme).total).toBe(total);
  });

  it('costs the city Rp5,322,240,000 a year for 26,400 people', () => {
    expect(apbdCost(26_400)).toEqual({ monthly: 443_520_000, yearly: 5_322_240_000 });
    expect(yearlyPremium(1_000_000)).toBe(201_600);
  });

  it('always yields whole rupiah', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INCOME_BRACKETS), fc.boolean(), (income, jht) => {
        const p = monthlyPremium(income, jht ? 'JKK_JKM_JHT' : 'JKK_JKM');
        return [p.jkk, p.jkm, p.jht, p.total].every(Number.isInteger) && p.total === p.jkk + p.jkm + p.jht;
      }),
    );
  });

  it.each([
    [16_800, 'Rp16.800'],
    [5_322_240_000, 'Rp5.322.240.000'],
    [0, 'Rp0'],
  ])('formats %i as %s', (amount, text) => {
    expect(formatRupiah(amount)).toBe(text);
  });
});

describe('Kota Malang reference data', () => {
  it('has 5 kecamatan and 57 kelurahan, each inside its kecamatan', () => {
    expect(KECAMATAN).toHaveLength(5);
    expect(KELURAHAN).toHaveLength(57);
    for (const k of KELURAHAN) expect(kecamatanOfKelurahan(k.kode)?.kode).toBe(k.kecamatanKode);
  });

  it.each([
    ['tasikmadu', 'Tasik Madu'],
    ['Tasik Madu', 'Tasik Madu'],
    ['oro oro dowo', 'Oro-oro Dowo'],
    ['gadingkasri', 'Gading Kasri'],
    ['Rampal Celaket', 'Rampalcelaket'],
    ['kidul dalem', 'Kiduldalem'],
    ['Pisang Candi', 'Pisangcandi'],
    ['karang besuki', 'Karangbesuki'],
    ['BAKALAN KRAJAN', 'Bakalankrajan'],
  ])('search %j finds %s', (query, name) => {
    expect(searchKelurahan(query).map((k) => k.nama)).toContain(name);
  });

  it('puts names that start with the query first', () => {
    expect(searchKelurahan('sukun')[0]?.nama).toBe('Sukun');
  });

  it('knows Blimbing kelurahan by code and rejects unknown codes', () => {
    expect(findKelurahan('3573011005')?.nama).toBe('Blimbing');
    expect(findKelurahan('3573019999')).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s is a real date: %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it.each([
    ['1948-03-12', '2026-11-23', 78],
    ['1990-11-23', '2026-11-23', 36],
    ['1990-11-24', '2026-11-23', 35],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('born %s, on %s aged %i', (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  it('makeIsoDate agrees with the calendar for every day of a century', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          return makeIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) === iso;
        },
      ),
    );
  });
});

describe('normalisers', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['62 812 3456 7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['812 3456 7890', '+6281234567890'],
    ['(0341) 551 234', '+62341551234'],
    ['abc', 'abc'],
  ])('phone %j → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
    expect(normalizePhone(expected)).toBe(expected);
  });

  it.each([
    ['1', '001'],
    ['12', '012'],
    ['123', '123'],
    ['1234', '1234'],
    [' 5 ', '005'],
  ])('RT/RW %j → %s', (raw, expected) => {
    expect(normalizeRtRw(raw)).toBe(expected);
  });

  it.each([
    ['Siti Aminah', ['siti', 'aminah']],
    ['Ni Luh Putu Sri-Wahyuni', ['ni', 'luh', 'putu', 'sri', 'wahyuni']],
    ["Moch. Ma'ruf", ['moch', 'maruf']],
    ['Élodie  élodie', ['elodie']],
  ])('name words of %j', (name, words) => {
    expect(nameSearchWords(name)).toEqual(words);
  });
});
