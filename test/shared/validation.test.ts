import { describe, expect, it } from 'vitest';
import { normalizeRegistrationInput } from '../../src/shared/normalize';
import type { RegistrationFields } from '../../src/shared/registration';
import { validateRegistration, validateRegistrationFields } from '../../src/shared/validation';
import { makeFields, makeRegistration, TODAY } from '../fixtures/registrations';

const ctx = { today: TODAY };

function errorsOf(input: unknown) {
  const result = validateRegistrationFields(input, ctx);
  return result.ok ? [] : result.errors;
}

function warningsOf(input: unknown) {
  return validateRegistrationFields(input, ctx).warnings;
}

describe('validateRegistrationFields', () => {
  it('accepts a complete registration with no warnings', () => {
    expect(validateRegistrationFields(makeFields(), ctx)).toMatchObject({ ok: true, warnings: [] });
  });

  it.each<[string, Partial<RegistrationFields> | Record<string, unknown>, string, string]>([
    ['a short NIK', { nik: '357301570875' }, 'nik', 'nik_length'],
    ['a NIK with an unknown province', { nik: '9973015708750001' }, 'nik', 'nik_province_unknown'],
    ['an empty name', { fullName: '   ' }, 'fullName', 'required'],
    ['a name of 101 characters', { fullName: 'A'.repeat(101) }, 'fullName', 'too_long'],
    ['a birth date in the future', { birthDate: '2027-01-01' }, 'birthDate', 'date_in_future'],
    ['30 February', { birthDate: '1975-02-30' }, 'birthDate', 'date_invalid'],
    ['a birth date 130 years ago', { birthDate: '1896-01-01' }, 'birthDate', 'age_implausible'],
    ['no gender', { gender: undefined }, 'gender', 'required'],
    [
      'an unknown kelurahan',
      { address: { ...makeFields().address, kelurahanKode: '3573019999' } },
      'address.kelurahanKode',
      'kelurahan_unknown',
    ],
    ['RT 000', { address: { ...makeFields().address, rt: '000' } }, 'address.rt', 'rt_rw_invalid'],
    ['RW with letters', { address: { ...makeFields().address, rw: '0a5' } }, 'address.rw', 'rt_rw_invalid'],
    ['a phone that is too short', { phone: '+62812' }, 'phone', 'phone_invalid'],
    [
      '"lainnya" without a description',
      { occupation: 'lainnya' },
      'occupationOther',
      'occupation_other_required',
    ],
    ['an unknown occupation', { occupation: 'astronot' }, 'occupation', 'required'],
    ['an income that is no bracket', { monthlyIncome: 1_234_567 }, 'monthlyIncome', 'income_bracket_invalid'],
    ['an income with cents', { monthlyIncome: 1_000_000.5 }, 'monthlyIncome', 'income_bracket_invalid'],
    ['no heir name', { heir: { name: '', relationship: 'anak' } }, 'heir.name', 'required'],
    [
      'no consent',
      { consent: { version: 'pdp-2026-1', agreed: false, agreedAt: '2026-11-23T08:00:00Z' } },
      'consent.agreed',
      'consent_required',
    ],
  ])('refuses %s', (_label, override, field, code) => {
    expect(errorsOf({ ...makeFields(), ...override })).toContainEqual({ field, code });
  });

  it('gives one error per field, the most specific one', () => {
    const errors = errorsOf({ ...makeFields(), nik: '35730157O8750001' });
    expect(errors.filter((e) => e.field === 'nik')).toEqual([{ field: 'nik', code: 'nik_not_digits' }]);
  });

  it.each<[string, Partial<RegistrationFields>, string, string]>([
    ['birth date differs from the NIK', { birthDate: '1975-08-18' }, 'birthDate', 'nik_birthdate_mismatch'],
    ['gender differs from the NIK', { gender: 'L' }, 'gender', 'nik_gender_mismatch'],
    ['NIK issued in Kabupaten Malang', { nik: '3507015708750001' }, 'nik', 'nik_outside_area'],
    ['a 16-year-old', { nik: '3573015708100001', birthDate: '2010-08-17' }, 'birthDate', 'age_below_working'],
    [
      'a 78-year-old cemetery keeper',
      { nik: '3573011203480005', birthDate: '1948-03-12', gender: 'L' },
      'birthDate',
      'age_above_working',
    ],
  ])('warns (but saves) when %s', (_label, override, field, code) => {
    const input = { ...makeFields(), ...override };
    expect(validateRegistrationFields(input, ctx).ok).toBe(true);
    expect(warningsOf(input)).toContainEqual({ field, code });
  });

  it('reports every missing field of an empty form, without throwing', () => {
    const errors = errorsOf({});
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['nik', 'fullName', 'birthDate', 'gender', 'address', 'heir', 'consent']),
    );
  });

  it.each([null, undefined, 42, 'text', []])('handles non-object input %j', (input) => {
    expect(validateRegistrationFields(input, ctx).ok).toBe(false);
  });
});

describe('validateRegistration (a saved record)', () => {
  it('accepts a record', () => {
    expect(validateRegistration(makeRegistration(), ctx).ok).toBe(true);
  });

  it.each([
    ['a bad id', { id: 'not-a-uuid' }, 'id', 'id_invalid'],
    ['version 0', { version: 0 }, 'version', 'version_invalid'],
    ['a bad timestamp', { updatedAt: 'yesterday' }, 'updatedAt', 'datetime_invalid'],
  ])('refuses %s', (_label, override, field, code) => {
    const result = validateRegistration({ ...makeRegistration(), ...override }, ctx);
    expect(result.ok ? [] : result.errors).toContainEqual({ field, code });
  });

  it('strips unknown keys', () => {
    const result = validateRegistration({ ...makeRegistration(), isAdmin: true }, ctx);
    expect(result.ok && 'isAdmin' in result.value).toBe(false);
  });
});

describe('normalizeRegistrationInput then validate', () => {
  it('accepts what a volunteer really types', () => {
    const typed = {
      ...makeFields(),
      nik: '3573 0157 0875 0001',
      fullName: '  Siti   Aminah ',
      address: { ...makeFields().address, rt: '3', rw: '05' },
      phone: '0812-3456-7890',
      heir: { name: 'Ahmad', relationship: 'suami', phone: '' },
      notes: '   ',
    };
    const result = validateRegistrationFields(normalizeRegistrationInput(typed), ctx);
    expect(result).toMatchObject({
      ok: true,
      value: {
        nik: '3573015708750001',
        fullName: 'Siti Aminah',
        address: { rt: '003', rw: '005' },
        phone: '+6281234567890',
        heir: { name: 'Ahmad' },
      },
    });
    expect(result.ok && result.value.notes).toBeUndefined();
    expect(result.ok && result.value.heir.phone).toBeUndefined();
  });
});
