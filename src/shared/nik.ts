/**
 * NIK (Nomor Induk Kependudukan) rules. A NIK is 16 digits:
 *   PP KK CC DDMMYY SSSS — province, kabupaten/kota, kecamatan (Kemendagri codes, where the NIK was
 *   first issued), birth date (day + 40 for women), serial.
 * parseNik only says whether a NIK can exist; comparing it with what was typed is compareNikWithPerson,
 * whose findings are warnings, because a NIK never changes when a record is corrected and people move.
 */
import { makeIsoDate, parseIsoDate, type IsoDate } from './dates';
import { kabkotaName, provinsiName, SERVICE_AREA_KODE } from './reference';

export type Gender = 'L' | 'P';

export type NikErrorCode =
  | 'nik_required'
  | 'nik_not_digits'
  | 'nik_length'
  | 'nik_province_unknown'
  | 'nik_kabkota_unknown'
  | 'nik_birthdate_invalid'
  | 'nik_serial_zero';

export type NikWarningCode = 'nik_birthdate_mismatch' | 'nik_gender_mismatch' | 'nik_outside_area';

export interface NikInfo {
  nik: string;
  provinsiKode: string;
  kabkotaKode: string;
  kecamatanKode: string;
  birthDate: IsoDate;
  gender: Gender;
  serial: string;
}

export type NikResult = { ok: true; info: NikInfo } | { ok: false; code: NikErrorCode };

/** Removes what people paste or type around a NIK: spaces, dots, dashes. Letters stay, to be reported. */
export function normalizeNikInput(raw: string): string {
  return raw.replace(/[\s.\-_/]/g, '');
}

/**
 * The full year of a two-digit NIK year. A hint (the birth year typed on the form) wins when its last
 * two digits agree; otherwise the most recent century that does not put the birth in the future —
 * so 48 is 1948 (an elderly penjaga makam), 05 is 2005.
 */
export function inferBirthYear(yy: number, today: IsoDate, hintYear?: number): number {
  if (hintYear !== undefined && hintYear % 100 === yy) return hintYear;
  const thisYear = parseIsoDate(today)?.year ?? 2000;
  return 2000 + yy <= thisYear ? 2000 + yy : 1900 + yy;
}

export function parseNik(raw: string, today: IsoDate, hintBirthYear?: number): NikResult {
  const nik = normalizeNikInput(raw);
  if (nik === '') return { ok: false, code: 'nik_required' };
  if (!/^\d+$/.test(nik)) return { ok: false, code: 'nik_not_digits' };
  if (nik.length !== 16) return { ok: false, code: 'nik_length' };
  const provinsiKode = nik.slice(0, 2);
  const kabkotaKode = nik.slice(0, 4);
  if (!provinsiName(provinsiKode)) return { ok: false, code: 'nik_province_unknown' };
  if (!kabkotaName(kabkotaKode)) return { ok: false, code: 'nik_kabkota_unknown' };
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const gender: Gender = rawDay > 40 ? 'P' : 'L';
  const day = gender === 'P' ? rawDay - 40 : rawDay;
  const year = inferBirthYear(Number(nik.slice(10, 12)), today, hintBirthYear);
  const birthDate = makeIsoDate(year, month, day);
  if (!birthDate || (rawDay > 31 && rawDay < 41)) return { ok: false, code: 'nik_birthdate_invalid' };
  const serial = nik.slice(12);
  if (serial === '0000') return { ok: false, code: 'nik_serial_zero' };
  return {
    ok: true,
    info: { nik, provinsiKode, kabkotaKode, kecamatanKode: nik.slice(0, 6), birthDate, gender, serial },
  };
}

/** Warnings from comparing a valid NIK with the birth date and gender typed for the person. */
export function compareNikWithPerson(
  info: NikInfo,
  person: { birthDate?: IsoDate; gender?: Gender },
  serviceAreaKode: string = SERVICE_AREA_KODE,
): NikWarningCode[] {
  const warnings: NikWarningCode[] = [];
  if (person.birthDate && person.birthDate !== info.birthDate) warnings.push('nik_birthdate_mismatch');
  if (person.gender && person.gender !== info.gender) warnings.push('nik_gender_mismatch');
  if (!info.kabkotaKode.startsWith(serviceAreaKode)) warnings.push('nik_outside_area');
  return warnings;
}
