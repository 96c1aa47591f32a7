/**
 * The form's state as Preact sees it: one FormStore per form in a context whose value never changes,
 * and hooks that subscribe a component to the one piece it shows. A component re-renders when what
 * its selector returns changes (Object.is), so typing a NIK re-renders the NIK field and what reads
 * the NIK, not every section (the per-keystroke latency on a slow phone, bench/findings.md).
 */
import { createContext } from 'preact';
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { IssueCode } from '../../shared/issues';
import type { FormStore } from './form-store';
import type { FormFinding } from './form-validation';
import type { FieldKey, FormValues } from './form-values';

export { validateFormValues, type FormFinding } from './form-validation';

export const FormContext = createContext<FormStore | null>(null);

/** The form's store, for actions and for reading at the moment of an event (no subscription). */
export function useForm(): FormStore {
  const form = useContext(FormContext);
  if (!form) throw new Error('useForm outside <FormContext.Provider>');
  return form;
}

/**
 * What `select` reads from the form, re-rendering this component only when that changes. Selectors
 * must return primitives or objects the store keeps while unchanged (values, a field's warnings).
 */
export function useFormSelect<T>(select: (form: FormStore) => T): T {
  const form = useForm();
  const [, setChanges] = useState(0);
  const selected = select(form);
  const latest = useRef({ select, selected });
  latest.current = { select, selected };
  useLayoutEffect(() => {
    const onChange = () => {
      if (!Object.is(latest.current.select(form), latest.current.selected)) setChanges((n) => n + 1);
    };
    const unsubscribe = form.subscribe(onChange);
    onChange(); // a change between this render and the subscription is not missed
    return unsubscribe;
  }, [form]);
  return selected;
}

export const useFormValue = <K extends keyof FormValues>(key: K): FormValues[K] =>
  useFormSelect((form) => form.values[key]);

export const useVisibleError = (key: FieldKey): IssueCode | undefined =>
  useFormSelect((form) => form.visibleError(key));

export const useFieldWarnings = (key: FieldKey): readonly FormFinding[] =>
  useFormSelect((form) => form.warningsFor(key));
