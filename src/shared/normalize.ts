/**
 * Normalises what people type before it is validated or stored: the NIK without spaces or dots,
 * phones as +62…, RT/RW zero-padded to three digits, free text trimmed, empty optionals removed.
 * Idempotent: normalising a normalised value changes nothing.
 */
import { normalizeNikInput } from './nik';
import { tidyText } from './text';

/** "0812-3456 789", "62812…", "+62 812…", "812…" → "+62812…". Returns the cleaned input when it is no phone. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-.()]/g, '');
  if (/^\+62\d+$/.test(digits)) return digits;
  if (/^62\d+$/.test(digits)) return `+${digits}`;
  if (/^0\d+$/.test(digits)) return `+62${digits.slice(1)}`;
  if (/^8\d+$/.test(digits)) return `+62${digits}`;
  return digits;
}

/** "1" → "001"; anything that is not one to three digits is returned as typed, for validation to report. */
export function normalizeRtRw(raw: string): string {
  const digits = raw.trim();
  return /^\d{1,3}$/.test(digits) ? digits.padStart(3, '0') : digits;
}

function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tidy = tidyText(value);
  return tidy === '' ? undefined : tidy;
}

function optionalPhone(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? normalizePhone(value) : undefined;
}

const textOr = (value: unknown) => (typeof value === 'string' ? tidyText(value) : value);

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Normalises a form's raw values; unknown keys pass through untouched for the schema to strip. */
export function normalizeRegistrationInput<T extends Obj>(input: T): T {
  const address = asObj(input.address);
  const heir = asObj(input.heir);
  return {
    ...input,
    nik: typeof input.nik === 'string' ? normalizeNikInput(input.nik) : input.nik,
    fullName: textOr(input.fullName),
    birthPlace: textOr(input.birthPlace),
    address: {
      ...address,
      street: textOr(address.street),
      rt: typeof address.rt === 'string' ? normalizeRtRw(address.rt) : address.rt,
      rw: typeof address.rw === 'string' ? normalizeRtRw(address.rw) : address.rw,
    },
    phone: optionalPhone(input.phone),
    occupationOther: optionalText(input.occupationOther),
    heir: { ...heir, name: textOr(heir.name), phone: optionalPhone(heir.phone) },
    notes: optionalText(input.notes),
  };
}
