import { describe, expect, it } from 'vitest';
import { validateFormValues } from '../../../src/client/form/form-state';
import {
  EMPTY_FORM,
  fieldOfIssue,
  fromRegistration,
  restoreFormValues,
  toRegistrationInput,
} from '../../../src/client/form/form-values';
import { en } from '../../../src/client/i18n/en';
import { id } from '../../../src/client/i18n/id';
import { DRAFT_DEBOUNCE_MS } from '../../../src/client/drafts/draft-autosave';
import { validateRegistrationFields } from '../../../src/shared/validation';
import { makeRegistration, NOW, TODAY } from '../../fixtures/registrations';

describe('form values', () => {
  it.each([
    ['nik', 'nik'],
    ['address.rt', 'rt'],
    ['address.kelurahanKode', 'kelurahanKode'],
    ['heir.name', 'heirName'],
    ['consent.agreed', 'consentAgreed'],
    ['consent', 'consentAgreed'],
  ])('issue path %s belongs to form field %s', (path, field) => {
    expect(fieldOfIssue(path)).toBe(field);
  });

  it('round-trips a saved record through the form into a valid input', () => {
    const record = makeRegistration();
    const input = toRegistrationInput(fromRegistration(record), NOW);
    const result = validateRegistrationFields(input, { today: TODAY });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({
      nik: record.nik,
      heir: record.heir,
      address: record.address,
    });
  });

  it('starts with the lowest income bracket, JKK + JKM and APBD, and reports empty fields as required', () => {
    expect(EMPTY_FORM).toMatchObject({ monthlyIncome: '1000000', programme: 'JKK_JKM', funding: 'APBD' });
    const { errors } = validateFormValues(EMPTY_FORM, TODAY);
    expect(errors).toContainEqual({ field: 'fullName', code: 'required', key: 'fullName:required' });
    expect(errors).toContainEqual({
      field: 'consentAgreed',
      code: 'consent_required',
      key: 'consentAgreed:consent_required',
    });
    expect(errors.find((e) => e.field === 'monthlyIncome')).toBeUndefined();
  });

  it('restores a stored draft safely: unknown keys dropped, wrong types replaced', () => {
    const restored = restoreFormValues({ nik: '3573', fullName: 42, evil: 'x', confirmedWarnings: 'no' });
    expect(restored).toEqual({ ...EMPTY_FORM, nik: '3573' });
  });
});

describe('UI strings', () => {
  it('has English for every Indonesian key and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const text of [...Object.values(id), ...Object.values(en)]) expect(text.trim()).not.toBe('');
  });

  it('autosaves drafts well within a second of typing', () => {
    expect(DRAFT_DEBOUNCE_MS).toBeLessThanOrEqual(800);
  });
});
