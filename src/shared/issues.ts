/** Typed issue codes: what validation returns. Messages for them live in messages.ts. */
import type { NikErrorCode, NikWarningCode } from './nik';

export type IssueCode =
  | NikErrorCode
  | NikWarningCode
  | 'nik_duplicate_local'
  | 'required'
  | 'too_long'
  | 'text_invalid'
  | 'invalid'
  | 'id_invalid'
  | 'version_invalid'
  | 'datetime_invalid'
  | 'date_invalid'
  | 'date_in_future'
  | 'age_implausible'
  | 'age_below_working'
  | 'age_above_working'
  | 'rt_rw_invalid'
  | 'phone_invalid'
  | 'kelurahan_unknown'
  | 'occupation_other_required'
  | 'income_bracket_invalid'
  | 'consent_required'
  | 'record_unstorable'
  | 'nik_held';

/** One finding about one field; `field` is a dotted path such as "address.rt". */
export interface FieldIssue {
  field: string;
  code: IssueCode;
}

export type ValidationResult<T> =
  | { ok: true; value: T; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] };
