/**
 * The registration form's state: values, which fields were touched, validation on every change with
 * the shared rules, and which warnings the volunteer confirmed. Errors show once a field was left
 * (then live as one types) or after a save attempt; warnings show as soon as they arise.
 */
import { createContext } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import type { FieldIssue, IssueCode } from '../../shared/issues';
import { normalizeRegistrationInput } from '../../shared/normalize';
import { validateRegistrationFields } from '../../shared/validation';
import { fieldOfIssue, toRegistrationInput, type FieldKey, type FormValues } from './form-values';

export interface FormFinding {
  field: FieldKey;
  code: IssueCode;
  /** `field:code`: what a confirmation refers to. */
  key: string;
}

export interface FormState {
  values: FormValues;
  today: string;
  errors: FormFinding[];
  warnings: FormFinding[];
  setField: <K extends keyof FormValues>(key: K, value: FormValues[K]) => void;
  replaceValues: (values: FormValues) => void;
  touch: (key: FieldKey) => void;
  /** Makes every error visible (after a save attempt). */
  revealAll: () => void;
  /** The error to show now for a field, if any. */
  visibleError: (key: FieldKey) => IssueCode | undefined;
  warningsFor: (key: FieldKey) => FormFinding[];
  isConfirmed: (warningKey: string) => boolean;
  setConfirmed: (warningKey: string, isChecked: boolean) => void;
  unconfirmedWarnings: FormFinding[];
}

const toFindings = (issues: FieldIssue[]): FormFinding[] =>
  issues.map(({ field, code }) => {
    const key = fieldOfIssue(field);
    return { field: key, code, key: `${key}:${code}` };
  });

/** Shared validation of raw form values: what a save would report, before saving. */
export function validateFormValues(values: FormValues, today: string) {
  const input = normalizeRegistrationInput(toRegistrationInput(values, `${today}T00:00:00.000Z`));
  const result = validateRegistrationFields(input, { today });
  return { errors: result.ok ? [] : toFindings(result.errors), warnings: toFindings(result.warnings) };
}

export function useFormState(initial: FormValues, today: string): FormState {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(new Set());
  const [isRevealed, setRevealed] = useState(false);
  const { errors, warnings } = useMemo(() => validateFormValues(values, today), [values, today]);

  const setField = useCallback(<K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
  }, []);
  const touch = useCallback((key: FieldKey) => {
    setTouched((current) => (current.has(key) ? current : new Set(current).add(key)));
  }, []);
  const replaceValues = useCallback((next: FormValues) => {
    setValues(next);
    setTouched(new Set());
    setRevealed(false);
  }, []);

  const confirmed = new Set(values.confirmedWarnings);
  const setConfirmed = (warningKey: string, isChecked: boolean) => {
    const next = new Set(values.confirmedWarnings);
    if (isChecked) next.add(warningKey);
    else next.delete(warningKey);
    setField('confirmedWarnings', [...next]);
  };

  return {
    values,
    today,
    errors,
    warnings,
    setField,
    replaceValues,
    touch,
    revealAll: () => setRevealed(true),
    visibleError: (key) =>
      isRevealed || touched.has(key) ? errors.find((e) => e.field === key)?.code : undefined,
    warningsFor: (key) => warnings.filter((w) => w.field === key),
    isConfirmed: (warningKey) => confirmed.has(warningKey),
    setConfirmed,
    unconfirmedWarnings: warnings.filter((w) => !confirmed.has(w.key)),
  };
}

export const FormContext = createContext<FormState | null>(null);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('useForm outside <FormContext.Provider>');
  return form;
}
