/**
 * Validates a registration: the schema (shape and formats) plus the domain rules the schema cannot
 * express (NIK rules, the calendar, kelurahan codes, age). Returns typed issue codes, split into
 * errors (block the save) and warnings (ask the volunteer to confirm). Pure: "today" comes in.
 */
import type * as z from 'zod/mini';
import { ageOn, isIsoDate, type IsoDate } from './dates';
import type { FieldIssue, IssueCode, ValidationResult } from './issues';
import { compareNikWithPerson, parseNik, type Gender } from './nik';
import { hasVisibleCharacter } from './plain-text';
import { isIncomeBracket } from './premium';
import { findKelurahan, SERVICE_AREA_KODE } from './reference';
import {
  RegistrationFieldsSchema,
  RegistrationSchema,
  type Registration,
  type RegistrationFields,
} from './registration';

export interface ValidationContext {
  today: IsoDate;
  serviceAreaKode?: string;
}

const MIN_WORKING_AGE = 18;
const MAX_WORKING_AGE = 65;
const MAX_PLAUSIBLE_AGE = 120;

/** Loose view of not-yet-validated input: every field may be missing or of the wrong type. */
type Loose = Partial<Record<keyof RegistrationFields, unknown>> & {
  address?: { kelurahanKode?: unknown };
};

class Findings {
  readonly errors: FieldIssue[] = [];
  readonly warnings: FieldIssue[] = [];
  error(field: string, code: IssueCode): void {
    this.errors.push({ field, code });
  }
  warn(field: string, code: IssueCode): void {
    this.warnings.push({ field, code });
  }
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function schemaIssues(error: z.core.$ZodError | undefined): FieldIssue[] {
  return (error?.issues ?? []).map((issue) => ({
    field: issue.path.join('.'),
    code: toIssueCode(issue),
  }));
}

function toIssueCode(issue: z.core.$ZodIssue): IssueCode {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return /^[a-z_]+$/.test(issue.message) ? (issue.message as IssueCode) : 'invalid';
}

function birthDateRules(birthDate: string | undefined, ctx: ValidationContext, out: Findings): void {
  if (!birthDate || !isIsoDate(birthDate)) return;
  if (birthDate > ctx.today) return out.error('birthDate', 'date_in_future');
  const age = ageOn(birthDate, ctx.today);
  if (age > MAX_PLAUSIBLE_AGE) return out.error('birthDate', 'age_implausible');
  if (age < MIN_WORKING_AGE) out.warn('birthDate', 'age_below_working');
  if (age >= MAX_WORKING_AGE) out.warn('birthDate', 'age_above_working');
}

function nikRules(input: Loose, ctx: ValidationContext, out: Findings): void {
  const birthDate = asString(input.birthDate);
  const hintYear = birthDate && isIsoDate(birthDate) ? Number(birthDate.slice(0, 4)) : undefined;
  const parsed = parseNik(asString(input.nik) ?? '', ctx.today, hintYear);
  if (!parsed.ok) return out.error('nik', parsed.code);
  const person = { birthDate, gender: asString(input.gender) as Gender | undefined };
  const fieldOf = {
    nik_birthdate_mismatch: 'birthDate',
    nik_gender_mismatch: 'gender',
    nik_outside_area: 'nik',
  };
  for (const code of compareNikWithPerson(parsed.info, person, ctx.serviceAreaKode ?? SERVICE_AREA_KODE)) {
    out.warn(fieldOf[code], code);
  }
}

function otherRules(input: Loose, out: Findings): void {
  const kelurahanKode = asString(input.address?.kelurahanKode);
  if (kelurahanKode && !findKelurahan(kelurahanKode)) out.error('address.kelurahanKode', 'kelurahan_unknown');
  const occupationOther = asString(input.occupationOther);
  if (input.occupation === 'lainnya' && !(occupationOther && hasVisibleCharacter(occupationOther))) {
    out.error('occupationOther', 'occupation_other_required');
  }
  if (typeof input.monthlyIncome === 'number' && !isIncomeBracket(input.monthlyIncome)) {
    out.error('monthlyIncome', 'income_bracket_invalid');
  }
}

/** Domain findings for possibly incomplete input; usable as the volunteer types. */
export function checkDomainRules(input: unknown, ctx: ValidationContext): Findings {
  const loose = (typeof input === 'object' && input !== null ? input : {}) as Loose;
  const out = new Findings();
  nikRules(loose, ctx, out);
  birthDateRules(asString(loose.birthDate), ctx, out);
  otherRules(loose, out);
  return out;
}

/** One error per field; a domain finding is more specific than the schema's, so it wins. */
function mergeErrors(domain: FieldIssue[], schema: FieldIssue[]): FieldIssue[] {
  const seen = new Set(domain.map((i) => i.field));
  const rest: FieldIssue[] = [];
  for (const issue of schema) {
    if (seen.has(issue.field)) continue;
    seen.add(issue.field);
    rest.push(issue);
  }
  return [...domain, ...rest];
}

function validateWith<T>(
  schema: z.ZodMiniType<T>,
  input: unknown,
  ctx: ValidationContext,
): ValidationResult<T> {
  // reportInput: issues carry the value, so toIssueCode can tell a missing field from a wrong one.
  const parsed = schema.safeParse(input, { reportInput: true });
  const domain = checkDomainRules(input, ctx);
  const errors = mergeErrors(domain.errors, schemaIssues(parsed.error));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors, warnings: domain.warnings };
  return { ok: true, value: parsed.data, warnings: domain.warnings };
}

/** Validates what the volunteer typed (no id or version yet). */
export function validateRegistrationFields(
  input: unknown,
  ctx: ValidationContext,
): ValidationResult<RegistrationFields> {
  return validateWith(RegistrationFieldsSchema, input, ctx);
}

/** A top-level field of what the volunteer types ("address" holds street, RT, RW and kelurahan). */
export type RegistrationFieldName = keyof RegistrationFields;

/** The field names in the schema's order: the order a whole parse reports its issues in. */
export const REGISTRATION_FIELD_NAMES = Object.keys(
  RegistrationFieldsSchema.shape,
) as RegistrationFieldName[];

/**
 * The schema's issues for one top-level field of `input`, with the paths a parse of the whole input
 * gives them. The fields schema has no rule across fields (those are the domain rules), so a field's
 * issues depend on its own value only: a form re-parses just the field that changed.
 */
export function schemaIssuesOfField(
  input: Record<string, unknown>,
  name: RegistrationFieldName,
): FieldIssue[] {
  const parsed = RegistrationFieldsSchema.shape[name].safeParse(input[name], { reportInput: true });
  return schemaIssues(parsed.error).map(({ field, code }) => ({
    field: field === '' ? name : `${name}.${field}`,
    code,
  }));
}

/**
 * The errors and warnings `validateRegistrationFields` reports, from the schema's issues of every
 * field (in REGISTRATION_FIELD_NAMES order, as `schemaIssuesOfField` gives them) and the domain rules.
 */
export function findingsOfFields(
  schemaIssuesInOrder: FieldIssue[],
  input: unknown,
  ctx: ValidationContext,
): { errors: FieldIssue[]; warnings: FieldIssue[] } {
  const domain = checkDomainRules(input, ctx);
  return { errors: mergeErrors(domain.errors, schemaIssuesInOrder), warnings: domain.warnings };
}

/** Validates a whole saved record, as stored on the phone and pushed to the server. */
export function validateRegistration(input: unknown, ctx: ValidationContext): ValidationResult<Registration> {
  return validateWith(RegistrationSchema, input, ctx);
}
