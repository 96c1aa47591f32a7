/**
 * The consent the person gives before their data is kept (UU PDP No 27 Tahun 2022). The text is
 * versioned: a record stores which version was read out and when it was agreed to.
 */
export const CONSENT_VERSION = 'pdp-2026-1';

export const CONSENT_TEXT_ID =
  'Saya setuju data pribadi saya (NIK, nama, tanggal lahir, alamat, nomor telepon, pekerjaan dan ahli waris) ' +
  'dicatat oleh Pemerintah Kota Malang dan diteruskan ke BPJS Ketenagakerjaan hanya untuk pendaftaran ' +
  'dan pengelolaan kepesertaan jaminan sosial saya, sesuai UU No 27 Tahun 2022 tentang Pelindungan Data Pribadi. ' +
  'Saya dapat meminta data saya diperbaiki atau dihapus.';

export const CONSENT_TEXT_EN =
  'I agree that my personal data (NIK, name, birth date, address, phone number, occupation and heir) ' +
  'is recorded by the Kota Malang government and passed to BPJS Ketenagakerjaan only to register and manage ' +
  'my social security membership, under Law No 27 of 2022 on Personal Data Protection. ' +
  'I may ask for my data to be corrected or deleted.';
