/**
 * What each issue code says to a person, in Bahasa Indonesia first and English. Used by the phone's
 * form and by the server's problem details, so a volunteer reads the same sentence in both places.
 */
import type { IssueCode } from './issues';

export type Lang = 'id' | 'en';

export const ISSUE_MESSAGES: Record<IssueCode, Record<Lang, string>> = {
  nik_required: { id: 'NIK wajib diisi.', en: 'NIK is required.' },
  nik_not_digits: { id: 'NIK hanya berisi angka.', en: 'NIK may contain digits only.' },
  nik_length: { id: 'NIK harus 16 digit.', en: 'NIK must be 16 digits.' },
  nik_province_unknown: {
    id: 'Kode provinsi di NIK (2 digit pertama) tidak dikenal.',
    en: 'The province code in the NIK (first 2 digits) is unknown.',
  },
  nik_kabkota_unknown: {
    id: 'Kode kabupaten/kota di NIK (digit 3–4) tidak dikenal.',
    en: 'The regency/city code in the NIK (digits 3–4) is unknown.',
  },
  nik_birthdate_invalid: {
    id: 'Tanggal lahir di NIK (digit 7–12) bukan tanggal yang ada.',
    en: 'The birth date in the NIK (digits 7–12) is not a real date.',
  },
  nik_serial_zero: {
    id: 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.',
    en: 'The NIK serial (last 4 digits) cannot be 0000.',
  },
  nik_birthdate_mismatch: {
    id: 'Tanggal lahir berbeda dengan yang tercantum di NIK. Periksa KTP.',
    en: 'The birth date differs from the one in the NIK. Check the ID card.',
  },
  nik_gender_mismatch: {
    id: 'Jenis kelamin berbeda dengan yang tercantum di NIK. Periksa KTP.',
    en: 'The gender differs from the one in the NIK. Check the ID card.',
  },
  nik_outside_area: {
    id: 'NIK diterbitkan di luar Kota Malang. Pastikan orang ini tinggal di alamat yang diisi.',
    en: 'The NIK was issued outside Kota Malang. Make sure the person lives at the address given.',
  },
  nik_duplicate_local: {
    id: 'NIK ini sudah terdaftar di HP ini.',
    en: 'This NIK is already registered on this phone.',
  },
  required: { id: 'Wajib diisi.', en: 'Required.' },
  too_long: { id: 'Terlalu panjang.', en: 'Too long.' },
  text_invalid: {
    id: 'Ada karakter yang tidak diizinkan (karakter kontrol atau pengatur arah tulisan). Hapus isian ini lalu ketik ulang.',
    en: 'Contains characters that are not allowed (control or text-direction characters). Clear the field and type it again.',
  },
  invalid: { id: 'Isian tidak valid.', en: 'Invalid value.' },
  id_invalid: { id: 'ID data tidak valid.', en: 'Invalid record id.' },
  version_invalid: { id: 'Versi data tidak valid.', en: 'Invalid record version.' },
  datetime_invalid: { id: 'Waktu tidak valid.', en: 'Invalid time.' },
  date_invalid: { id: 'Tanggal tidak valid.', en: 'Invalid date.' },
  date_in_future: {
    id: 'Tanggal lahir tidak boleh di masa depan.',
    en: 'The birth date cannot be in the future.',
  },
  age_implausible: {
    id: 'Usia lebih dari 120 tahun. Periksa tahun lahir.',
    en: 'Older than 120. Check the birth year.',
  },
  age_below_working: {
    id: 'Usia di bawah 18 tahun. Pastikan orang ini memang bekerja.',
    en: 'Younger than 18. Make sure this person really works.',
  },
  age_above_working: {
    id: 'Usia 65 tahun atau lebih. Tetap bisa didaftarkan; pastikan masih bekerja.',
    en: 'Aged 65 or more. Can still be registered; make sure the person still works.',
  },
  rt_rw_invalid: {
    id: 'RT/RW berupa angka 1–3 digit, bukan 000.',
    en: 'RT/RW is a 1–3 digit number, not 000.',
  },
  phone_invalid: {
    id: 'Nomor HP tidak valid. Contoh: 0812 3456 7890.',
    en: 'Invalid phone number. Example: 0812 3456 7890.',
  },
  kelurahan_unknown: { id: 'Pilih kelurahan dari daftar.', en: 'Choose a kelurahan from the list.' },
  occupation_other_required: { id: 'Tuliskan pekerjaannya.', en: 'Describe the occupation.' },
  income_bracket_invalid: {
    id: 'Pilih penghasilan dari daftar.',
    en: 'Choose an income bracket from the list.',
  },
  consent_required: {
    id: 'Persetujuan peserta wajib sebelum data disimpan.',
    en: 'The person must consent before the data is saved.',
  },
  record_unstorable: {
    id: 'Server tidak dapat menyimpan data ini. Periksa isian yang tidak biasa, perbaiki, lalu kirim lagi.',
    en: 'The registry cannot store this record. Check for unusual entries, correct them and send it again.',
  },
  nik_held: {
    id: 'HP ini mengganti atau mencoba banyak NIK dalam satu jam, jadi data ini ditahan untuk diperiksa kantor. Cocokkan NIK dengan KTP, lalu simpan lagi setelah satu jam.',
    en: 'This phone changed or tried many NIKs within an hour, so this record is held for the office to check. Compare the NIK with the KTP and save it again after an hour.',
  },
};

export function issueMessage(code: IssueCode, lang: Lang = 'id'): string {
  return ISSUE_MESSAGES[code][lang];
}
