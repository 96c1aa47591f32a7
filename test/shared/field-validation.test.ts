/**
 * Validating field by field (what the form does while typing) gives what validating the whole input
 * gives, issue for issue and in the same order, for any input: the schema has no rule across fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findingsOfFields,
  REGISTRATION_FIELD_NAMES,
  schemaIssuesOfField,
  validateRegistrationFields,
} from '../../src/shared/validation';
import { makeFields, TODAY } from '../fixtures/registrations';

const ctx = { today: TODAY };

/** A valid registration with some fields dropped or replaced by anything at all. */
const looseInput = fc
  .dictionary(fc.constantFrom(...REGISTRATION_FIELD_NAMES), fc.option(fc.anything(), { nil: undefined }))
  .map((changes) => ({ ...makeFields(), ...changes }) as Record<string, unknown>);

describe('field-by-field validation', () => {
  it('reports exactly the whole validation', () => {
    fc.assert(
      fc.property(looseInput, (input) => {
        const whole = validateRegistrationFields(input, ctx);
        const issues = REGISTRATION_FIELD_NAMES.flatMap((name) => schemaIssuesOfField(input, name));
        const byField = findingsOfFields(issues, input, ctx);
        expect(byField.errors).toEqual(whole.ok ? [] : whole.errors);
        expect(byField.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 500 },
    );
  });

  it('names a nested issue with its whole path', () => {
    const input = { ...makeFields(), address: { street: '', rt: '000', kelurahanKode: '3573011005' } };
    expect(schemaIssuesOfField(input, 'address')).toEqual([
      { field: 'address.street', code: 'required' },
      { field: 'address.street', code: 'required' },
      { field: 'address.rt', code: 'rt_rw_invalid' },
      { field: 'address.rw', code: 'required' },
    ]);
    expect(schemaIssuesOfField({}, 'nik')).toEqual([{ field: 'nik', code: 'required' }]);
  });
});
