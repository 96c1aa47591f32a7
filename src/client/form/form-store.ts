/**
 * The registration form's state outside Preact: values, which fields were touched, the findings of
 * the shared rules, and which warnings the volunteer confirmed. Components subscribe to the one piece
 * they show (form-state.ts `useFormSelect`), so a keystroke re-renders the edited field and what
 * depends on its value, not the whole form. Errors show once a field was left (then live as one
 * types) or after a save attempt; warnings show as soon as they arise.
 *
 * Invariant: every getter answers for the current values: validation runs inside each change, before
 * any subscriber is told, so nothing can read findings of older values.
 */
import type { IsoDate } from '../../shared/dates';
import type { IssueCode } from '../../shared/issues';
import { FormValidation, type FormFinding, type FormFindings } from './form-validation';
import type { FieldKey, FormValues } from './form-values';

/** What one field shows. Kept as the same object while it does not change, so subscribers can compare. */
interface FieldFindings {
  error: IssueCode | undefined;
  warnings: readonly FormFinding[];
}

const NOTHING: FieldFindings = { error: undefined, warnings: [] };

const isSameFieldFindings = (a: FieldFindings, b: FieldFindings) =>
  a.error === b.error &&
  a.warnings.length === b.warnings.length &&
  a.warnings.every((warning, i) => warning.key === b.warnings[i]?.key);

/** Each field's first error and its warnings; a field's entry from `before` is kept when unchanged. */
function findingsByField(
  findings: FormFindings,
  before: ReadonlyMap<FieldKey, FieldFindings>,
): Map<FieldKey, FieldFindings> {
  const next = new Map<FieldKey, FieldFindings>();
  const entry = (field: FieldKey) => next.get(field) ?? NOTHING;
  for (const { field, code } of findings.errors) {
    const found = entry(field);
    next.set(field, { ...found, error: found.error ?? code }); // one error per field: the first
  }
  for (const warning of findings.warnings) {
    const found = entry(warning.field);
    next.set(warning.field, { ...found, warnings: [...found.warnings, warning] });
  }
  for (const [field, now] of next) {
    const then = before.get(field);
    if (then && isSameFieldFindings(then, now)) next.set(field, then);
  }
  return next;
}

export class FormStore {
  private current: FormValues;
  private touched = new Set<FieldKey>();
  private isRevealed = false;
  private findings: FormFindings = { errors: [], warnings: [] };
  private byField = new Map<FieldKey, FieldFindings>();
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
    return this.findings.errors;
  }

  get unconfirmedWarnings(): FormFinding[] {
    const confirmed = new Set(this.current.confirmedWarnings);
    return this.findings.warnings.filter((w) => !confirmed.has(w.key));
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
    return this.findingsOf(key).error;
  }

  /** The field's warnings; the same array until they change. */
  warningsFor(key: FieldKey): readonly FormFinding[] {
    return this.findingsOf(key).warnings;
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

  private findingsOf(key: FieldKey): FieldFindings {
    return this.byField.get(key) ?? NOTHING;
  }

  private revalidate(scope: 'all' | 'changed'): void {
    const today = this.today();
    this.findings =
      scope === 'all'
        ? this.validation.validateAll(this.current, today)
        : this.validation.validate(this.current, today);
    this.byField = findingsByField(this.findings, this.byField);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
