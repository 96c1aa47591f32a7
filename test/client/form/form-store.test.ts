/**
 * The form's store validates only the edited field's schema while typing; what it reports must be,
 * after every change, exactly what a validation of the whole form reports (the save's verdict), and
 * its errors show only for fields left or after a save attempt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormStore } from '../../../src/client/form/form-store';
import { validateFormValues } from '../../../src/client/form/form-state';
import {
  EMPTY_FORM,
  fromRegistration,
  type FieldKey,
  type FormValues,
} from '../../../src/client/form/form-values';
import { makeRegistration, TODAY, VALID_NIK } from '../../fixtures/registrations';

const VALID = fromRegistration(makeRegistration());
const FIELDS = Object.keys(EMPTY_FORM).filter((k) => k !== 'confirmedWarnings') as FieldKey[];

/** What a volunteer may type or pick, per field: valid, invalid, half-typed and empty values. */
const CHOICES: { [K in keyof FormValues]?: FormValues[K][] } = {
  nik: [
    '',
    '3573',
    VALID_NIK.slice(0, 15),
    VALID_NIK,
    '3507015708750001',
    '3573 0157 0875 0001',
    '9999999999999999',
  ],
  fullName: ['', '  ', 'Siti', 'A'.repeat(101), 'Siti <b>'],
  birthPlace: ['', 'Malang'],
  birthDate: ['', '1975-08-17', '1975-08-18', '1975-02-30', '2030-01-01', '2015-01-01', '1950-01-01', '19'],
  gender: ['', 'L', 'P'],
  street: ['', 'Jl. Ciliwung 5'],
  rt: ['', '0', '000', '3', '12', '1234', 'ab'],
  rw: ['', '5'],
  kelurahanKode: ['', '3573011005', '3573019999', '12'],
  phone: ['', '0812 3456 7890', '123'],
  occupation: ['', 'kader_posyandu', 'lainnya', 'astronaut'],
  occupationOther: ['', ' ', 'Tukang parkir'],
  monthlyIncome: ['1000000', '1234', 'abc', ''],
  programme: ['JKK_JKM', 'JKK_JKM_JHT'],
  funding: ['APBD', 'MANDIRI'],
  heirName: ['', 'Ahmad'],
  heirRelationship: ['', 'suami', 'tetangga'],
  heirPhone: ['', '+6281298765432', '0'],
  consentAgreed: [false, true],
  location: [null, { lat: -7.9, lon: 112.6, accuracyM: 12 }, { lat: 91, lon: 0, accuracyM: 1 }],
  notes: ['', 'Rumah di belakang masjid'],
};

type Action =
  | { kind: 'set'; key: keyof FormValues; value: unknown }
  | { kind: 'touch'; key: FieldKey }
  | { kind: 'reveal' }
  | { kind: 'replace'; values: FormValues }
  | { kind: 'confirmAll' };

const setAction = fc
  .constantFrom(...(Object.keys(CHOICES) as (keyof FormValues)[]))
  .chain((key) =>
    fc.constantFrom(...(CHOICES[key] as unknown[])).map((value): Action => ({ kind: 'set', key, value })),
  );
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 12, arbitrary: setAction },
  { weight: 2, arbitrary: fc.constantFrom(...FIELDS).map((key): Action => ({ kind: 'touch', key })) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'reveal' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(EMPTY_FORM, VALID).map((values): Action => ({ kind: 'replace', values })),
  },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'confirmAll' }) },
);

function apply(store: FormStore, step: Action): void {
  if (step.kind === 'set') store.setField(step.key, step.value as never);
  else if (step.kind === 'touch') store.touch(step.key);
  else if (step.kind === 'reveal') store.revealAll();
  else if (step.kind === 'replace') store.replaceValues(step.values);
  else for (const warning of store.unconfirmedWarnings) store.setConfirmed(warning.key, true);
}

describe('the form store', () => {
  it('reports after every edit exactly what validating the whole form reports', () => {
    fc.assert(
      fc.property(fc.constantFrom(EMPTY_FORM, VALID), fc.array(action, { maxLength: 40 }), (start, steps) => {
        const store = new FormStore(start, () => TODAY);
        const shown = { touched: new Set<FieldKey>(), isRevealed: false };
        for (const step of steps) {
          apply(store, step);
          if (step.kind === 'touch') shown.touched.add(step.key);
          if (step.kind === 'reveal') shown.isRevealed = true;
          if (step.kind === 'replace') Object.assign(shown, { touched: new Set(), isRevealed: false });
          const whole = validateFormValues(store.values, TODAY);
          expect(store.errors).toEqual(whole.errors);
          for (const field of FIELDS) {
            const isShown = shown.isRevealed || shown.touched.has(field);
            const first = whole.errors.find((e) => e.field === field)?.code;
            expect(store.visibleError(field)).toBe(isShown ? first : undefined);
            expect(store.warningsFor(field)).toEqual(whole.warnings.filter((w) => w.field === field));
          }
          const confirmed = new Set(store.values.confirmedWarnings);
          expect(store.unconfirmedWarnings).toEqual(whole.warnings.filter((w) => !confirmed.has(w.key)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a field's findings the same object while they do not change, and tells subscribers of every change", () => {
    const store = new FormStore({ ...EMPTY_FORM, birthDate: '1975-08-18', gender: 'P' }, () => TODAY);
    let changes = 0;
    const unsubscribe = store.subscribe(() => changes++);
    store.setField('nik', VALID_NIK);
    const warnings = store.warningsFor('birthDate');
    expect(warnings.map((w) => w.code)).toEqual(['nik_birthdate_mismatch']);
    store.setField('fullName', 'Siti');
    store.touch('fullName');
    expect(store.warningsFor('birthDate')).toBe(warnings);
    store.setField('fullName', 'Siti'); // the same value: nothing changed, nobody told
    expect(changes).toBe(3);
    unsubscribe();
    store.setField('nik', '');
    expect(changes).toBe(3);
    expect(store.warningsFor('birthDate')).toEqual([]);
  });

  it('judges by the day it is asked at, so a form left open over midnight uses the new date', () => {
    let today = '2026-11-23';
    const store = new FormStore({ ...VALID, birthDate: '2026-11-24' }, () => today);
    expect(store.errors.map((e) => e.code)).toContain('date_in_future');
    today = '2026-11-24';
    store.setField('notes', 'x');
    expect(store.errors.map((e) => e.code)).not.toContain('date_in_future');
  });
});
