/**
 * The form's raw values — flat strings as typed, so a draft can be stored and restored exactly — and
 * their mapping to the registration input the shared validation and the repository expect.
 */
import { CONSENT_VERSION } from '../../shared/consent';
import type { Gender } from '../../shared/nik';
import { LOWEST_INCOME_BRACKET, type Programme } from '../../shared/premium';
import type { Funding, Registration } from '../../shared/registration';

export interface GpsPoint {
  lat: number;
  lon: number;
  accuracyM: number;
}

export type FormValues = {
  nik: string;
  fullName: string;
  birthPlace: string;
  birthDate: string;
  gender: '' | Gender;
  street: string;
  rt: string;
  rw: string;
  kelurahanKode: string;
  phone: string;
  occupation: string;
  occupationOther: string;
  monthlyIncome: string;
  programme: Programme;
  funding: Funding;
  heirName: string;
  heirRelationship: string;
  heirPhone: string;
  consentAgreed: boolean;
  location: GpsPoint | null;
  notes: string;
  /** Warnings the volunteer checked and accepted, as `field:code` keys. */
  confirmedWarnings: string[];
};

export type FieldKey = Exclude<keyof FormValues, 'confirmedWarnings'>;

export const EMPTY_FORM: FormValues = {
  nik: '',
  fullName: '',
  birthPlace: '',
  birthDate: '',
  gender: '',
  street: '',
  rt: '',
  rw: '',
  kelurahanKode: '',
  phone: '',
  occupation: '',
  occupationOther: '',
  monthlyIncome: String(LOWEST_INCOME_BRACKET),
  programme: 'JKK_JKM',
  funding: 'APBD',
  heirName: '',
  heirRelationship: '',
  heirPhone: '',
  consentAgreed: false,
  location: null,
  notes: '',
  confirmedWarnings: [],
};

/** Issue paths (dotted, as validation reports them) that differ from the flat form key. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  'address.street': 'street',
  'address.rt': 'rt',
  'address.rw': 'rw',
  'address.kelurahanKode': 'kelurahanKode',
  'heir.name': 'heirName',
  'heir.relationship': 'heirRelationship',
  'heir.phone': 'heirPhone',
  consent: 'consentAgreed',
  'consent.agreed': 'consentAgreed',
  'consent.agreedAt': 'consentAgreed',
  'location.lat': 'location',
  'location.lon': 'location',
  'location.accuracyM': 'location',
};

export function fieldOfIssue(path: string): FieldKey {
  return FIELD_OF_PATH[path] ?? (path.split('.')[0] as FieldKey); // top-level paths are form keys
}

/** Empty text means "not given": undefined lets the schema say `required` instead of a format error. */
const given = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** The registration input for validation and saving; `agreedAt` is when consent is recorded (the save). */
export function toRegistrationInput(values: FormValues, agreedAt: string): Record<string, unknown> {
  return {
    nik: values.nik,
    fullName: given(values.fullName),
    birthPlace: given(values.birthPlace),
    birthDate: given(values.birthDate),
    gender: given(values.gender),
    address: {
      street: given(values.street),
      rt: given(values.rt),
      rw: given(values.rw),
      kelurahanKode: given(values.kelurahanKode),
    },
    phone: given(values.phone),
    occupation: given(values.occupation),
    occupationOther: values.occupation === 'lainnya' ? given(values.occupationOther) : undefined,
    monthlyIncome: Number(values.monthlyIncome),
    programme: values.programme,
    funding: values.funding,
    heir: {
      name: given(values.heirName),
      relationship: given(values.heirRelationship),
      phone: given(values.heirPhone),
    },
    consent: { version: CONSENT_VERSION, agreed: values.consentAgreed, agreedAt },
    location: values.location ?? undefined,
    notes: given(values.notes),
  };
}

/** A saved record as form values, for editing. Warnings it was saved with count as confirmed. */
export function fromRegistration(record: Registration, confirmedWarnings: string[] = []): FormValues {
  return {
    nik: record.nik,
    fullName: record.fullName,
    birthPlace: record.birthPlace,
    birthDate: record.birthDate,
    gender: record.gender,
    street: record.address.street,
    rt: record.address.rt,
    rw: record.address.rw,
    kelurahanKode: record.address.kelurahanKode,
    phone: record.phone ?? '',
    occupation: record.occupation,
    occupationOther: record.occupationOther ?? '',
    monthlyIncome: String(record.monthlyIncome),
    programme: record.programme,
    funding: record.funding,
    heirName: record.heir.name,
    heirRelationship: record.heir.relationship,
    heirPhone: record.heir.phone ?? '',
    consentAgreed: record.consent.agreed,
    location: record.location ?? null,
    notes: record.notes ?? '',
    confirmedWarnings,
  };
}

/** Draft values from storage, made safe: unknown keys dropped, wrong types replaced by the defaults. */
export function restoreFormValues(stored: Record<string, unknown>): FormValues {
  const restored: Record<string, unknown> = { ...EMPTY_FORM };
  for (const [key, fallback] of Object.entries(EMPTY_FORM)) {
    const value = stored[key];
    const isSameKind =
      fallback === null ? typeof value === 'object' : Array.isArray(fallback) === Array.isArray(value);
    if (value !== undefined && typeof value === typeof fallback && isSameKind) restored[key] = value;
  }
  return restored as FormValues; // every key was copied from EMPTY_FORM or checked to have its type
}

export function isSameValues(a: FormValues, b: FormValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
