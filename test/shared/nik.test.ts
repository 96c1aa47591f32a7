import { describe, expect, it } from 'vitest';
import { compareNikWithPerson, inferBirthYear, normalizeNikInput, parseNik } from '../../src/shared/nik';

const TODAY = '2026-11-23';

describe('parseNik: NIKs that can exist', () => {
  it.each([
    ['a man born 5 Feb 1990 in Blimbing', '3573010502900001', '1990-02-05', 'L'],
    ['a woman: day + 40', '3573014502900002', '1990-02-05', 'P'],
    ['29 February in a leap year (2000)', '3573012902000003', '2000-02-29', 'L'],
    ['a woman born 29 February 1988', '3573016902880004', '1988-02-29', 'P'],
    ['a cemetery keeper born in 1948', '3573041203480005', '1948-03-12', 'L'],
    ['born in the 1940s: 1941', '3573030101410006', '1941-01-01', 'L'],
    ['born in the 2000s: 2005', '3573023107050007', '2005-07-31', 'L'],
    ['a woman born on the 31st (71)', '3573027112990008', '1999-12-31', 'P'],
    ['spaces pasted in', '3573 0105 0290 0001', '1990-02-05', 'L'],
    ['dots and dashes pasted in', '35.73.01-050290.0001', '1990-02-05', 'L'],
    ['issued outside Kota Malang (Kab. Malang)', '3507010502900009', '1990-02-05', 'L'],
  ])('%s', (_label, raw, birthDate, gender) => {
    const result = parseNik(raw, TODAY);
    expect(result).toMatchObject({ ok: true, info: { birthDate, gender } });
  });
});

describe('parseNik: NIKs that cannot exist', () => {
  it.each([
    ['empty', '', 'nik_required'],
    ['15 digits', '357301050290000', 'nik_length'],
    ['17 digits', '35730105029000011', 'nik_length'],
    ['letters', '35730105029O0001', 'nik_not_digits'],
    ['unknown province 99', '9973010502900001', 'nik_province_unknown'],
    ['unknown province 00', '0073010502900001', 'nik_province_unknown'],
    ['unknown kabupaten/kota 35 99', '3599010502900001', 'nik_kabkota_unknown'],
    ['month 13', '3573010513900001', 'nik_birthdate_invalid'],
    ['month 00', '3573010500900001', 'nik_birthdate_invalid'],
    ['day 00', '3573010002900001', 'nik_birthdate_invalid'],
    ['day 32', '3573013202900001', 'nik_birthdate_invalid'],
    ['day 40 (between men and women)', '3573014002900001', 'nik_birthdate_invalid'],
    ['day 72', '3573017202900001', 'nik_birthdate_invalid'],
    ['29 February in a non-leap year', '3573012902010001', 'nik_birthdate_invalid'],
    ['a woman, 30 February', '3573017002900001', 'nik_birthdate_invalid'],
    ['31 April', '3573013104900001', 'nik_birthdate_invalid'],
    ['serial 0000', '3573010502900000', 'nik_serial_zero'],
  ])('%s → %s', (_label, raw, code) => {
    expect(parseNik(raw, TODAY)).toEqual({ ok: false, code });
  });
});

describe('inferBirthYear', () => {
  it.each([
    [48, undefined, 1948],
    [5, undefined, 2005],
    [26, undefined, 2026],
    [27, undefined, 1927],
    [0, undefined, 2000],
    [20, 1920, 1920], // the typed birth year decides when it agrees
    [20, 1985, 2020], // a hint that disagrees is ignored
  ])('yy %i with hint %s → %i', (yy, hint, year) => {
    expect(inferBirthYear(yy, TODAY, hint)).toBe(year);
  });

  it('uses the hint to read a centenarian NIK correctly', () => {
    expect(parseNik('3573010101200001', TODAY, 1920)).toMatchObject({
      ok: true,
      info: { birthDate: '1920-01-01' },
    });
  });
});

describe('compareNikWithPerson: warnings, never errors', () => {
  const info = (raw: string) => {
    const result = parseNik(raw, TODAY);
    if (!result.ok) throw new Error(result.code);
    return result.info;
  };

  it.each([
    ['everything agrees', '3573014502900002', { birthDate: '1990-02-05', gender: 'P' as const }, []],
    [
      'birth date differs',
      '3573014502900002',
      { birthDate: '1990-02-06', gender: 'P' as const },
      ['nik_birthdate_mismatch'],
    ],
    [
      'gender differs',
      '3573014502900002',
      { birthDate: '1990-02-05', gender: 'L' as const },
      ['nik_gender_mismatch'],
    ],
    [
      'issued in Kabupaten Malang',
      '3507010502900009',
      { birthDate: '1990-02-05', gender: 'L' as const },
      ['nik_outside_area'],
    ],
    ['nothing typed yet', '3573014502900002', {}, []],
  ])('%s', (_label, raw, person, expected) => {
    expect(compareNikWithPerson(info(raw), person)).toEqual(expected);
  });
});

describe('normalizeNikInput', () => {
  it.each([
    [' 3573 0105 0290 0001 ', '3573010502900001'],
    ['3573.0105.0290.0001', '3573010502900001'],
    ['3573-0105-0290-0001', '3573010502900001'],
    ['35730105029O0001', '35730105029O0001'],
  ])('%j → %s', (raw, expected) => {
    expect(normalizeNikInput(raw)).toBe(expected);
  });
});
