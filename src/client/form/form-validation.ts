/**
 * The form's validation, by the shared rules. What a field shows while typing must be what a save
 * would report, so `FormValidation` gives exactly `validateFormValues`' result; it only does less work
 * per keystroke: a top-level field's schema issues are parsed again only when that field's normalised
 * input changed (the schema has no rule across fields), while the domain rules, which do cross fields
 * (the NIK against the birth date and gender) and cost microseconds, run on every change.
 */
import type { IsoDate } from '../../shared/dates';
import type { FieldIssue, IssueCode } from '../../shared/issues';
import { normalizeRegistrationInput } from '../../shared/normalize';
import {
  checkDomainRules,
  findingsOfFields,
  REGISTRATION_FIELD_NAMES,
  schemaIssuesOfField,
  validateRegistrationFields,
  type RegistrationFieldName,
} from '../../shared/validation';
import { fieldOfIssue, toRegistrationInput, type FieldKey, type FormValues } from './form-values';

export interface FormFinding {
  field: FieldKey;
  code: IssueCode;
  /** `field:code`: what a confirmation refers to. */
  key: string;
}

export interface FormFindings {
  errors: FormFinding[];
  warnings: FormFinding[];
}

const toFindings = (issues: FieldIssue[]): FormFinding[] =>
  issues.map(({ field, code }) => {
    const key = fieldOfIssue(field);
    return { field: key, code, key: `${key}:${code}` };
  });

/** The normalised registration input of the form's values, consent dated at the start of `today`. */
function inputOf(values: FormValues, today: IsoDate): Record<string, unknown> {
  return normalizeRegistrationInput(toRegistrationInput(values, `${today}T00:00:00.000Z`));
}

/** Shared validation of raw form values: what a save would report, before saving. */
export function validateFormValues(values: FormValues, today: IsoDate): FormFindings {
  const result = validateRegistrationFields(inputOf(values, today), { today });
  return { errors: result.ok ? [] : toFindings(result.errors), warnings: toFindings(result.warnings) };
}

/**
 * The warnings alone: they come from the domain rules only (microseconds, no schema parse), so they
 * can be kept current on every keystroke while the errors wait until something shows them.
 */
export function warningsOfFormValues(values: FormValues, today: IsoDate): FormFinding[] {
  return toFindings(checkDomainRules(inputOf(values, today), { today }).warnings);
}

/** Same input for the schema: plain data (strings, numbers, booleans, nested plain objects). */
function isSameInput(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) =>
    isSameInput((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Validation kept from one edit to the next: each field's last input and the schema's issues for it. */
export class FormValidation {
  private readonly parsed = new Map<RegistrationFieldName, { input: unknown; issues: FieldIssue[] }>();

  /** Everything parsed again, nothing reused: at a field's blur and at Simpan. */
  validateAll(values: FormValues, today: IsoDate): FormFindings {
    this.parsed.clear();
    return this.validate(values, today);
  }

  /** After an edit: only the fields whose input changed are parsed again. */
  validate(values: FormValues, today: IsoDate): FormFindings {
    const input = inputOf(values, today);
    const inOrder: FieldIssue[] = [];
    for (const name of REGISTRATION_FIELD_NAMES) {
      let last = this.parsed.get(name);
      if (!last || !isSameInput(last.input, input[name])) {
        last = { input: input[name], issues: schemaIssuesOfField(input, name) };
        this.parsed.set(name, last);
      }
      inOrder.push(...last.issues);
    }
    const result = findingsOfFields(inOrder, input, { today });
    return { errors: toFindings(result.errors), warnings: toFindings(result.warnings) };
  }
}
