/**
 * The shared schema refuses text that is not text, strings without a bound and integers out of range,
 * so the phone blocks such a save on the spot and the registry never hands them to a database.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasVisibleCharacter, isPlainText } from '../../src/shared/plain-text';
import {
  MAX_LOCATION_ACCURACY_M,
  MAX_RECORD_VERSION,
  type Registration,
  type RegistrationFields,
} from '../../src/shared/registration';
import { validateRegistration, validateRegistrationFields } from '../../src/shared/validation';
import { makeFields, makeRegistration, TODAY } from '../fixtures/registrations';

const ctx = { today: TODAY };

function errorsOf(input: unknown) {
  const result = validateRegistration(input, ctx);
  return result.ok ? [] : result.errors;
}

/** Every free-text field, how long it may be, and how to put a text into it. */
const TEXT_FIELDS: [string, number, (f: RegistrationFields, text: string) => RegistrationFields][] = [
  ['fullName', 100, (f, t) => ({ ...f, fullName: t })],
  ['birthPlace', 60, (f, t) => ({ ...f, birthPlace: t })],
  ['address.street', 200, (f, t) => ({ ...f, address: { ...f.address, street: t } })],
  ['heir.name', 100, (f, t) => ({ ...f, heir: { ...f.heir, name: t } })],
  ['occupationOther', 60, (f, t) => ({ ...f, occupation: 'lainnya', occupationOther: t })],
  ['notes', 500, (f, t) => ({ ...f, notes: t })],
  ['consent.version', 40, (f, t) => ({ ...f, consent: { ...f.consent, version: t } })],
];

const FORBIDDEN: [string, string][] = [
  ['NUL', '\u0000'],
  ['escape', '\u001B'],
  ['DEL', '\u007F'],
  ['next line (C1)', '\u0085'],
  ['left-to-right embedding', '\u202A'],
  ['right-to-left override', '\u202E'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['a lone high surrogate', '\uD83D'],
  ['a lone low surrogate', '\uDE00'],
];

describe('isPlainText and hasVisibleCharacter', () => {
  it.each(FORBIDDEN)('refuses %s', (_label, char) => {
    expect(isPlainText(`a${char}b`)).toBe(false);
    expect(isPlainText(`a${char}b`, { multiline: true })).toBe(false);
  });

  it('allows newline and tab only where the text is multi-line; carriage return nowhere', () => {
    expect(isPlainText('baris 1\nbaris 2\tx')).toBe(false);
    expect(isPlainText('baris 1\nbaris 2\tx', { multiline: true })).toBe(true);
    expect(isPlainText('baris 1\r\nbaris 2', { multiline: true })).toBe(false);
  });

  it('accepts what people write: accents, Arabic and Javanese script, emoji (a surrogate pair)', () => {
    for (const text of ['Sékar Ayu', 'Muhammad ‘Ali', 'محمد', 'ꦱꦶꦠꦶ', 'Kue 🎂', 'Jl. A. Yani 5/B-3']) {
      expect(isPlainText(text)).toBe(true);
      expect(hasVisibleCharacter(text)).toBe(true);
    }
  });

  it.each([
    ['', ''],
    ['spaces', ' \u00A0\u3000'],
    ['zero-width characters', '\u200B\u200C\u200D\uFEFF'],
  ])('finds nothing visible in %s', (_label, text) => expect(hasVisibleCharacter(text)).toBe(false));
});

describe('text fields of a registration', () => {
  describe.each(TEXT_FIELDS)('%s', (field, max, put) => {
    it.each(FORBIDDEN)('refuses %s as text_invalid', (_label, char) => {
      expect(errorsOf({ ...makeRegistration(), ...put(makeFields(), `Ab${char}c`) })).toContainEqual({
        field,
        code: 'text_invalid',
      });
    });

    it(`refuses ${max + 1} characters as too_long and takes ${max}`, () => {
      expect(errorsOf({ ...makeRegistration(), ...put(makeFields(), 'a'.repeat(max + 1)) })).toContainEqual({
        field,
        code: 'too_long',
      });
      expect(errorsOf({ ...makeRegistration(), ...put(makeFields(), 'a'.repeat(max)) })).toEqual([]);
    });
  });

  it.each(['fullName', 'birthPlace', 'address.street', 'heir.name', 'consent.version'])(
    'refuses %s of invisible characters only as required',
    (field) => {
      const put = TEXT_FIELDS.find(([name]) => name === field)![2];
      const errors = errorsOf({ ...makeRegistration(), ...put(makeFields(), '\u200B\u2060') });
      expect(errors).toContainEqual({ field, code: 'required' });
    },
  );

  it('asks for an occupation that shows when "lainnya" is given with zero-width characters only', () => {
    const fields = { ...makeFields(), occupation: 'lainnya' as const, occupationOther: '\u200B' };
    expect(validateRegistrationFields(fields, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: 'occupationOther', code: 'occupation_other_required' }],
    });
  });

  it('keeps a newline and a tab in notes, and refuses them in a name', () => {
    expect(errorsOf(makeRegistration({ notes: 'Rumah hijau\n\tdekat musala' }))).toEqual([]);
    expect(errorsOf(makeRegistration({ fullName: 'Siti\nAminah' }))).toContainEqual({
      field: 'fullName',
      code: 'text_invalid',
    });
  });

  // Any code point, lone surrogates included (String.fromCodePoint makes them), in any text field.
  const anyText = fc.string({
    unit: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    maxLength: 30,
  });

  it('accepts a text only when it is plain, shows something (if required) and fits', () => {
    fc.assert(
      fc.property(fc.nat(TEXT_FIELDS.length - 1), anyText, (k, text) => {
        const [field, max, put] = TEXT_FIELDS[k]!;
        const result = validateRegistration({ ...makeRegistration(), ...put(makeFields(), text) }, ctx);
        // The schema trims first, as the phone does; notes are the one optional, multi-line field.
        const trimmed = text.trim();
        const isNotes = field === 'notes';
        const fits = isPlainText(trimmed, { multiline: isNotes }) && trimmed.length <= max;
        expect(result.ok).toBe(fits && (isNotes || hasVisibleCharacter(trimmed)));
      }),
    );
  });
});

describe('bounds on everything else', () => {
  it.each<[string, Partial<Registration> | Record<string, unknown>, string, string]>([
    ['version 2^31', { version: MAX_RECORD_VERSION + 1 }, 'version', 'version_invalid'],
    ['version 2^53 − 1', { version: Number.MAX_SAFE_INTEGER }, 'version', 'version_invalid'],
    ['version 1.5', { version: 1.5 }, 'version', 'version_invalid'],
    ['version "1"', { version: '1' }, 'version', 'version_invalid'],
    [
      'a time with 40 decimals',
      { updatedAt: `2026-11-23T08:00:00.${'0'.repeat(40)}Z` },
      'updatedAt',
      'datetime_invalid',
    ],
    [
      'a location accuracy beyond half the Earth',
      { location: { lat: -7.98, lon: 112.63, accuracyM: MAX_LOCATION_ACCURACY_M + 1 } },
      'location.accuracyM',
      'invalid',
    ],
    [
      'a negative accuracy',
      { location: { lat: -7.98, lon: 112.63, accuracyM: -1 } },
      'location.accuracyM',
      'invalid',
    ],
    ['latitude 91', { location: { lat: 91, lon: 112.63, accuracyM: 5 } }, 'location.lat', 'invalid'],
  ])('refuses %s', (_label, override, field, code) => {
    expect(errorsOf({ ...makeRegistration(), ...override })).toContainEqual({ field, code });
  });

  it('accepts version 2^31 − 1 and a coarse network fix', () => {
    const location = { lat: -7.98, lon: 112.63, accuracyM: 150_000 };
    expect(errorsOf(makeRegistration({ version: MAX_RECORD_VERSION, location }))).toEqual([]);
  });
});
