/**
 * Kantor's words, Bahasa Indonesia first and English second. The choice is kept in localStorage and
 * given to every screen by context. Messages from the registry (problem details) stay in Indonesian.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'id' | 'en';

const id = {
  appName: 'Kantor Jaring',
  appTagline: 'Konsol kantor: cakupan BPJS Ketenagakerjaan pekerja rentan Kota Malang',
  signInTitle: 'Masuk ke Kantor',
  username: 'Nama pengguna',
  password: 'Kata sandi',
  signIn: 'Masuk',
  signingIn: 'Memeriksa…',
  signOut: 'Keluar',
  signedOutNote: 'Anda sudah keluar.',
  sessionEnded: 'Sesi Anda berakhir. Silakan masuk lagi.',
  language: 'Bahasa',
  loading: 'Memuat…',
  retry: 'Coba lagi',
  navHome: 'Beranda',
  navOverview: 'Ringkasan',
  navReview: 'Verifikasi',
  navExport: 'Ekspor',
  navDuplicates: 'Data ganda',
  navDevices: 'Perangkat',
  navCovered: 'Peserta lama',
  navTargets: 'Target',
  navAudit: 'Audit',
  navUsers: 'Pengguna',
  navAccount: 'Akun saya',
  mainNav: 'Menu utama',
  welcome: 'Selamat datang, {name}',
  youAre: 'Anda masuk sebagai {role}.',
  scopeCity: 'Wilayah: seluruh Kota Malang.',
  scopeKelurahan: 'Wilayah: {list}.',
  youCan: 'Yang dapat Anda kerjakan:',
  capReview: 'Memeriksa dan memverifikasi data peserta',
  capCodes: 'Membuat kode pendaftaran HP relawan dan mencabut HP',
  capExport: 'Mengekspor data peserta untuk BPJS',
  capTargets: 'Mengubah target cakupan',
  capUsers: 'Mengelola pengguna, token mesin dan log audit',
  capRead: 'Melihat data peserta dan cakupan',
  changePasswordTitle: 'Ganti kata sandi',
  mustChangeIntro: 'Kata sandi Anda sementara. Buat kata sandi Anda sendiri untuk melanjutkan.',
  currentPassword: 'Kata sandi saat ini',
  newPassword: 'Kata sandi baru',
  newPasswordHint:
    'Minimal 10 karakter. Kalimat pendek yang mudah diingat lebih aman daripada kata acak yang pendek.',
  repeatPassword: 'Ulangi kata sandi baru',
  passwordsDiffer: 'Kedua kata sandi baru tidak sama.',
  passwordTooShort: 'Kata sandi minimal 10 karakter.',
  savePassword: 'Simpan kata sandi',
  passwordChanged: 'Kata sandi diganti. Sesi lain akun ini sudah diakhiri.',
  usersTitle: 'Pengguna',
  usersIntro: 'Setiap petugas punya akun sendiri. Operator hanya melihat kelurahannya.',
  newUser: 'Pengguna baru',
  displayName: 'Nama lengkap',
  role: 'Peran',
  kelurahan: 'Kelurahan',
  chooseKelurahan: 'Pilih kelurahan',
  create: 'Buat',
  status: 'Status',
  lastSignIn: 'Terakhir masuk',
  never: 'belum pernah',
  actions: 'Tindakan',
  active: 'aktif',
  inactive: 'nonaktif',
  locked: 'terkunci',
  mustChange: 'sandi sementara',
  resetPassword: 'Sandi baru',
  deactivate: 'Nonaktifkan',
  activate: 'Aktifkan',
  unlock: 'Buka kunci',
  oneTimeFor: 'Kata sandi sementara untuk {user}:',
  oneTimeNote:
    'Tampil sekali saja. Sampaikan langsung kepada orangnya; ia harus menggantinya saat pertama masuk.',
  close: 'Tutup',
  saved: 'Tersimpan.',
  accountTitle: 'Akun saya',
} as const;

export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  appName: 'Jaring Office',
  appTagline: "Office console: BPJS Ketenagakerjaan coverage of Kota Malang's vulnerable workers",
  signInTitle: 'Sign in to Kantor',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Checking…',
  signOut: 'Sign out',
  signedOutNote: 'You have signed out.',
  sessionEnded: 'Your session ended. Please sign in again.',
  language: 'Language',
  loading: 'Loading…',
  retry: 'Try again',
  navHome: 'Home',
  navOverview: 'Overview',
  navReview: 'Review',
  navExport: 'Export',
  navDuplicates: 'Duplicates',
  navDevices: 'Devices',
  navCovered: 'Already covered',
  navTargets: 'Targets',
  navAudit: 'Audit',
  navUsers: 'Users',
  navAccount: 'My account',
  mainNav: 'Main menu',
  welcome: 'Welcome, {name}',
  youAre: 'You are signed in as {role}.',
  scopeCity: 'Area: all of Kota Malang.',
  scopeKelurahan: 'Area: {list}.',
  youCan: 'What you can do:',
  capReview: 'Review and verify registrations',
  capCodes: "Create enrollment codes for volunteers' phones and revoke phones",
  capExport: 'Export registrations for BPJS',
  capTargets: 'Change coverage targets',
  capUsers: 'Manage users, machine tokens and the audit log',
  capRead: 'See registrations and coverage',
  changePasswordTitle: 'Change password',
  mustChangeIntro: 'Your password is temporary. Choose your own to continue.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  newPasswordHint: 'At least 10 characters. A short sentence you remember is safer than a short random word.',
  repeatPassword: 'Repeat the new password',
  passwordsDiffer: 'The two new passwords differ.',
  passwordTooShort: 'A password has at least 10 characters.',
  savePassword: 'Save password',
  passwordChanged: "Password changed. This account's other sessions have been ended.",
  usersTitle: 'Users',
  usersIntro: 'Every officer has their own account. Operators see only their kelurahan.',
  newUser: 'New user',
  displayName: 'Full name',
  role: 'Role',
  kelurahan: 'Kelurahan',
  chooseKelurahan: 'Choose a kelurahan',
  create: 'Create',
  status: 'Status',
  lastSignIn: 'Last sign-in',
  never: 'never',
  actions: 'Actions',
  active: 'active',
  inactive: 'inactive',
  locked: 'locked',
  mustChange: 'temporary password',
  resetPassword: 'New password',
  deactivate: 'Deactivate',
  activate: 'Activate',
  unlock: 'Unlock',
  oneTimeFor: 'Temporary password for {user}:',
  oneTimeNote: 'Shown once. Hand it to the person directly; they must change it at their first sign-in.',
  close: 'Close',
  saved: 'Saved.',
  accountTitle: 'My account',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'jaring.kantor.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "{name}" placeholders filled from `params`; one left without a value stays as written. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function translator(lang: Lang): Translate {
  return (key, params) => fill(DICTIONARIES[lang][key], params);
}

export function loadLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts this page only
  }
}

export interface LangContextValue {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const LangContext = createContext<LangContextValue>({
  lang: 'id',
  t: translator('id'),
  setLang: () => {},
});

export const useLang = () => useContext(LangContext);
