/**
 * The registration form's state outside Preact: values, which fields were touched, the findings of
 * the shared rules, and which warnings the volunteer confirmed. Components subscribe to the one piece
 * they show (form-state.ts `useFormSelect`), so a keystroke re-renders the edited field and what
 * depends on its value, not the whole form. Errors show once a field was left (then live as one
 * types) or after a save attempt; warnings show as soon as they arise.
 *
 * Invariant: every getter answers for the current values. The warnings (domain rules, cheap) are
 * recomputed inside each change, before any subscriber is told; the errors (the schema parse) are
 * dropped at each change and computed when first asked for, which is only once a field was left or a
 * save attempted: nothing shows errors before, so the first paint and typing in a fresh form parse
 * nothing.
 */
import type { IsoDate } from '../../shared/dates';
import type { IssueCode } from '../../shared/issues';
import { FormValidation, warningsOfFormValues, type FormFinding } from './form-validation';
import type { FieldKey, FormValues } from './form-values';

const NO_WARNINGS: readonly FormFinding[] = [];

const isSameWarnings = (a: readonly FormFinding[], b: readonly FormFinding[]) =>
  a.length === b.length && a.every((warning, i) => warning.key === b[i]?.key);

/** Each field's warnings; a field's list from `before` is kept while it is the same. */
function warningsByField(
  warnings: readonly FormFinding[],
  before: ReadonlyMap<FieldKey, readonly FormFinding[]>,
): Map<FieldKey, readonly FormFinding[]> {
  const next = new Map<FieldKey, FormFinding[]>();
  for (const warning of warnings) next.set(warning.field, [...(next.get(warning.field) ?? []), warning]);
  const kept = new Map<FieldKey, readonly FormFinding[]>(next);
  for (const [field, now] of next) {
    const then = before.get(field);
    if (then && isSameWarnings(then, now)) kept.set(field, then);
  }
  return kept;
}

/** The errors of the current values: every one in save order, and each field's first. */
interface Errors {
  all: readonly FormFinding[];
  byField: ReadonlyMap<FieldKey, IssueCode>;
}

function errorsOf(all: readonly FormFinding[]): Errors {
  const byField = new Map<FieldKey, IssueCode>();
  for (const { field, code } of all) if (!byField.has(field)) byField.set(field, code); // the first
  return { all, byField };
}

export class FormStore {
  private current: FormValues;
  private touched = new Set<FieldKey>();
  private isRevealed = false;
  private warnings: readonly FormFinding[] = [];
  private warningsOf = new Map<FieldKey, readonly FormFinding[]>();
  /** Undefined until asked for after a change; `isWholeParseDue`: then parse every field afresh. */
  private errorsNow: Errors | undefined;
  private isWholeParseDue = true;
  private readonly validation = new FormValidation();
  private readonly listeners = new Set<() => void>();

  /** `today` is asked at every validation: a form left open over midnight judges by the new day. */
  constructor(
    initial: FormValues,
    readonly today: () => IsoDate,
  ) {
    this.current = initial;
    this.revalidate('all');
  }

  get values(): FormValues {
    return this.current;
  }

  /** Every error of the current values, in the order a save reports them. */
  get errors(): readonly FormFinding[] {
    return this.currentErrors().all;
  }

  get unconfirmedWarnings(): FormFinding[] {
    const confirmed = new Set(this.current.confirmedWarnings);
    return this.warnings.filter((w) => !confirmed.has(w.key));
  }

  /** While typing: only the edited field's schema is parsed again (form-validation.ts). */
  setField<K extends keyof FormValues>(key: K, value: FormValues[K]): void {
    if (Object.is(this.current[key], value)) return;
    this.current = { ...this.current, [key]: value };
    this.revalidate('changed');
    this.notify();
  }

  /** A field was left: its errors show from now on, and the whole form is validated afresh. */
  touch(key: FieldKey): void {
    this.touched.add(key);
    this.revalidate('all');
    this.notify();
  }

  /** New starting values (the next person after a save): nothing touched or revealed. */
  replaceValues(next: FormValues): void {
    this.current = next;
    this.touched = new Set();
    this.isRevealed = false;
    this.revalidate('all');
    this.notify();
  }

  /** A save attempt: every error visible, judged on a validation of the whole form. */
  revealAll(): void {
    this.isRevealed = true;
    this.revalidate('all');
    this.notify();
  }

  /** The error to show now for a field, if any. */
  visibleError(key: FieldKey): IssueCode | undefined {
    if (!this.isRevealed && !this.touched.has(key)) return undefined;
    return this.currentErrors().byField.get(key);
  }

  /** The field's warnings; the same array until they change. */
  warningsFor(key: FieldKey): readonly FormFinding[] {
    return this.warningsOf.get(key) ?? NO_WARNINGS;
  }

  isConfirmed(warningKey: string): boolean {
    return this.current.confirmedWarnings.includes(warningKey);
  }

  setConfirmed(warningKey: string, isChecked: boolean): void {
    const next = new Set(this.current.confirmedWarnings);
    if (isChecked) next.add(warningKey);
    else next.delete(warningKey);
    this.setField('confirmedWarnings', [...next]);
  }

  /** `listener` runs after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private currentErrors(): Errors {
    if (this.errorsNow) return this.errorsNow;
    const today = this.today();
    const { errors } = this.isWholeParseDue
      ? this.validation.validateAll(this.current, today)
      : this.validation.validate(this.current, today);
    this.isWholeParseDue = false;
    this.errorsNow = errorsOf(errors);
    return this.errorsNow;
  }

  /** `all`: the errors, once asked for, come from parsing every field (a blur, a save, new values). */
  private revalidate(scope: 'all' | 'changed'): void {
    this.warnings = warningsOfFormValues(this.current, this.today());
    this.warningsOf = warningsByField(this.warnings, this.warningsOf);
    this.errorsNow = undefined;
    if (scope === 'all') this.isWholeParseDue = true;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
