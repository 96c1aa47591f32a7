/**
 * How a registration reads at the office: its fields as labelled rows, the NIK checks recomputed with
 * src/shared (what the NIK says beside what was typed), and what changed between two versions.
 */
import { ageOn, isoDateOf } from '../../../shared/dates';
import { parseNik } from '../../../shared/nik';
import { formatRupiah } from '../../../shared/premium';
import { HEIR_RELATIONSHIPS, occupationLabel } from '../../../shared/occupations';
import {
  findKelurahan,
  kabkotaName,
  kecamatanOfKelurahan,
  SERVICE_AREA_KODE,
} from '../../../shared/reference';
import type { Lang } from '../../i18n';

/** A stored record as the registry returns it (fields may be missing on old or odd records). */
export type RecordData = Record<string, unknown> & {
  nik?: string;
  fullName?: string;
  birthDate?: string;
  gender?: string;
  address?: { street?: string; rt?: string; rw?: string; kelurahanKode?: string };
  heir?: { name?: string; relationship?: string; phone?: string };
};

const L = {
  id: {
    nik: 'NIK',
    fullName: 'Nama lengkap',
    birthPlace: 'Tempat lahir',
    birthDate: 'Tanggal lahir',
    gender: 'Jenis kelamin',
    address: 'Alamat',
    kelurahan: 'Kelurahan',
    phone: 'No HP',
    occupation: 'Pekerjaan',
    monthlyIncome: 'Penghasilan per bulan',
    programme: 'Program',
    funding: 'Sumber dana',
    heir: 'Ahli waris',
    notes: 'Catatan',
    createdAt: 'Dicatat di HP (menurut jam HP)',
    ktpPhoto: 'Foto KTP (SHA-256)',
    male: 'Laki-laki',
    female: 'Perempuan',
  },
  en: {
    nik: 'NIK',
    fullName: 'Full name',
    birthPlace: 'Place of birth',
    birthDate: 'Date of birth',
    gender: 'Gender',
    address: 'Address',
    kelurahan: 'Kelurahan',
    phone: 'Phone',
    occupation: 'Occupation',
    monthlyIncome: 'Monthly income',
    programme: 'Programme',
    funding: 'Funding',
    heir: 'Heir',
    notes: 'Notes',
    createdAt: 'Recorded on the phone (its clock)',
    ktpPhoto: 'KTP photo (SHA-256)',
    male: 'Male',
    female: 'Female',
  },
};

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function fieldRows(r: RecordData, lang: Lang): Array<[string, string]> {
  const l = L[lang];
  const a = r.address ?? {};
  const kel = findKelurahan(a.kelurahanKode ?? '');
  const relationship = HEIR_RELATIONSHIPS.find((h) => h.code === r.heir?.relationship)?.[lang] ?? '';
  return [
    [l.nik, str(r.nik)],
    [l.fullName, str(r.fullName)],
    [l.birthPlace, str(r.birthPlace)],
    [l.birthDate, str(r.birthDate)],
    [l.gender, r.gender === 'L' ? l.male : r.gender === 'P' ? l.female : ''],
    [l.address, `${str(a.street)} RT ${str(a.rt)} / RW ${str(a.rw)}`],
    [l.kelurahan, kel ? `${kel.nama}, ${kecamatanOfKelurahan(kel.kode)?.nama ?? ''}` : str(a.kelurahanKode)],
    [l.phone, str(r.phone)],
    [
      l.occupation,
      r.occupation === 'lainnya' ? str(r.occupationOther) : occupationLabel(str(r.occupation), lang),
    ],
    [l.monthlyIncome, typeof r.monthlyIncome === 'number' ? formatRupiah(r.monthlyIncome) : ''],
    [l.programme, str(r.programme).replace(/_/g, ' + ')],
    [l.funding, str(r.funding)],
    [l.heir, [str(r.heir?.name), relationship, str(r.heir?.phone)].filter(Boolean).join(' · ')],
    [l.notes, str(r.notes)],
    [l.createdAt, str(r.createdAt).slice(0, 16).replace('T', ' ')],
    // Which photo this version names: a retake shows as a change between versions.
    [l.ktpPhoto, str((r.ktpPhoto as { sha256?: unknown } | undefined)?.sha256).slice(0, 12)],
  ];
}

export interface NikCheck {
  ok: boolean;
  text: string;
}

/** The NIK read by the shared rules, beside what was typed: birth date, gender, where it was issued, age. */
export function nikChecks(r: RecordData, lang: Lang, now = new Date()): NikCheck[] {
  const today = isoDateOf(now);
  const parsed = parseNik(str(r.nik), today, r.birthDate ? Number(r.birthDate.slice(0, 4)) : undefined);
  const en = lang === 'en';
  if (!parsed.ok)
    return [{ ok: false, text: en ? `NIK is not valid (${parsed.code})` : `NIK tidak sah (${parsed.code})` }];
  const { info } = parsed;
  const sameDate = info.birthDate === r.birthDate;
  const sameGender = info.gender === r.gender;
  const inArea = info.kabkotaKode.startsWith(SERVICE_AREA_KODE);
  const age = r.birthDate ? ageOn(r.birthDate, today) : NaN;
  const issued = kabkotaName(info.kabkotaKode) ?? info.kabkotaKode;
  return [
    {
      ok: sameDate,
      text: en
        ? `Birth date in the NIK: ${info.birthDate}${sameDate ? ' (matches)' : ` — typed ${str(r.birthDate)}`}`
        : `Tanggal lahir di NIK: ${info.birthDate}${sameDate ? ' (cocok)' : ` — tertulis ${str(r.birthDate)}`}`,
    },
    {
      ok: sameGender,
      text: en
        ? `Gender in the NIK: ${info.gender}${sameGender ? ' (matches)' : ` — typed ${str(r.gender)}`}`
        : `Jenis kelamin di NIK: ${info.gender}${sameGender ? ' (cocok)' : ` — tertulis ${str(r.gender)}`}`,
    },
    {
      ok: inArea,
      text: en
        ? `NIK issued in ${issued}${inArea ? '' : ' (outside the city)'}`
        : `NIK terbit di ${issued}${inArea ? '' : ' (di luar kota)'}`,
    },
    {
      ok: age >= 18 && age <= 65,
      text: en
        ? `Age ${Number.isNaN(age) ? '?' : age} (working age 18–65)`
        : `Usia ${Number.isNaN(age) ? '?' : age} tahun (usia kerja 18–65)`,
    },
  ];
}

/** Labels of the fields that differ between two versions of a record. */
export function changedFields(
  before: RecordData,
  after: RecordData,
  lang: Lang,
): Array<[string, string, string]> {
  const a = fieldRows(before, lang);
  const b = fieldRows(after, lang);
  return b.flatMap(([label, value], i) =>
    a[i]![1] !== value ? [[label, a[i]![1], value] as [string, string, string]] : [],
  );
}

export const STATUS_LABELS: Record<string, { id: string; en: string }> = {
  received: { id: 'Menunggu verifikasi', en: 'Waiting for review' },
  verified: { id: 'Terverifikasi', en: 'Verified' },
  active: { id: 'Aktif di BPJS', en: 'Active at BPJS' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
};

/**
 * The warning for a record pushed by a phone enrolled for another kelurahan (the registry flags it at
 * ingest): the volunteer may be helping next door, or the phone is in the wrong hands.
 */
export function kelurahanMismatchText(deviceKode: string, recordKode: string, lang: Lang): string {
  const name = (kode: string) => findKelurahan(kode)?.nama ?? kode;
  return lang === 'en'
    ? `Sent by a phone enrolled for ${name(deviceKode)}, but the address is in ${name(recordKode)}. Check that the volunteer may register here.`
    : `Dikirim dari HP yang terdaftar untuk ${name(deviceKode)}, tetapi alamatnya di ${name(recordKode)}. Periksa apakah relawan boleh mendaftar di sini.`;
}
