/**
 * The office's preset reasons for sending a record back, and the fields each one concerns, so Kantor
 * offers the same list the phone understands: the phone's edit form shows the reason at its top and
 * marks these fields. A reason written by hand marks the fields it names (NIK, nama, tanggal lahir, …);
 * one that names none marks nothing, and the reason is still shown. Fields are dotted registration
 * paths, as validation issues name them ("address.kelurahanKode").
 */
import { foldForSearch } from './text';

export const REJECT_REASON_FIELDS = {
  'Data KTP tidak terbaca / tidak jelas': ['nik', 'fullName', 'birthPlace', 'birthDate'],
  'NIK tidak sesuai KTP': ['nik'],
  'Nama tidak sesuai KTP': ['fullName'],
  'Tanggal lahir tidak sesuai KTP': ['birthDate'],
  'Bukan warga Kota Malang': ['address.street', 'address.kelurahanKode'],
  'Data ahli waris belum lengkap': ['heir.name', 'heir.relationship', 'heir.phone'],
  'Bukan pekerja rentan sasaran program': ['occupation', 'monthlyIncome'],
} as const satisfies Record<string, readonly string[]>;

export type RejectReason = keyof typeof REJECT_REASON_FIELDS;
/** In the order Kantor lists them. */
export const REJECT_REASONS = Object.keys(REJECT_REASON_FIELDS) as RejectReason[];

/**
 * Words a written reason may use for a field, folded (lower case, no accents). Longer phrases come first
 * so "nama ahli waris" is the heir's name, not the person's, and "tempat lahir" is not "tanggal lahir".
 */
const NAMED_FIELDS: readonly (readonly [phrase: string, fields: readonly string[]])[] = [
  ['nama ahli waris', ['heir.name']],
  ['ahli waris', ['heir.name', 'heir.relationship', 'heir.phone']],
  ['tempat lahir', ['birthPlace']],
  ['tanggal lahir', ['birthDate']],
  ['tgl lahir', ['birthDate']],
  ['jenis kelamin', ['gender']],
  ['nik', ['nik']],
  ['nama', ['fullName']],
  ['alamat', ['address.street', 'address.rt', 'address.rw']],
  ['kelurahan', ['address.kelurahanKode']],
  ['pekerjaan', ['occupation']],
  ['penghasilan', ['monthlyIncome']],
  ['nomor hp', ['phone']],
];

const isPreset = (reason: string): reason is RejectReason => Object.hasOwn(REJECT_REASON_FIELDS, reason);

/** The fields a reason concerns: a preset's own list, or the fields a written one names. */
export function fieldsOfReason(reason: string): readonly string[] {
  const trimmed = reason.trim();
  if (isPreset(trimmed)) return REJECT_REASON_FIELDS[trimmed];
  let rest = ` ${trimmed
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldForSearch)
    .filter(Boolean)
    .join(' ')} `;
  const found = new Set<string>();
  for (const [phrase, fields] of NAMED_FIELDS) {
    if (!rest.includes(` ${phrase} `)) continue;
    fields.forEach((field) => found.add(field));
    rest = rest.replaceAll(` ${phrase} `, ' ');
  }
  return [...found];
}
