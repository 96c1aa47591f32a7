/**
 * Form controls bound to the form state by field key: a label, the control, and below it the
 * field's error and warnings (each warning with its "checked, save anyway" box). Thin: no logic
 * beyond wiring the value, `touch` on leaving the field and the accessible descriptions. Each control
 * subscribes to its own value, error and warnings only, so typing in one re-renders that one.
 */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { useFieldWarnings, useForm, useFormSelect, useFormValue, useVisibleError } from './form-state';
import type { FormFinding } from './form-validation';
import type { FieldKey, FormValues } from './form-values';
import { FieldFlag, flagId, useIsFlagged } from './office-reason';

type TextKey = {
  [K in FieldKey]: FormValues[K] extends string ? K : never;
}[FieldKey];

export const controlId = (name: FieldKey) => `f-${name}`;
const messageId = (name: FieldKey) => `f-${name}-msg`;

export function FieldMessages({ name }: { name: FieldKey }) {
  return (
    <>
      <FieldFlag name={name} />
      <IssueMessages name={name} />
    </>
  );
}

function WarningMessage({ warning }: { warning: FormFinding }) {
  const form = useForm();
  const { t, issue } = useI18n();
  const isConfirmed = useFormSelect((f) => f.isConfirmed(warning.key));
  return (
    <div class="msg msg-warning">
      <p>{issue(warning.code)}</p>
      <label class="check">
        <input
          type="checkbox"
          checked={isConfirmed}
          onChange={(e) => form.setConfirmed(warning.key, e.currentTarget.checked)}
        />
        <span>{t('form.warningConfirm')}</span>
      </label>
    </div>
  );
}

function IssueMessages({ name }: { name: FieldKey }) {
  const { issue } = useI18n();
  const error = useVisibleError(name);
  const warnings = useFieldWarnings(name);
  if (!error && warnings.length === 0) return null;
  return (
    <div id={messageId(name)} class="field-messages">
      {/* No role="alert": the control names it (aria-describedby) and a save announces one summary. */}
      {error && <p class="msg msg-error">{issue(error)}</p>}
      {warnings.map((warning) => (
        <WarningMessage key={warning.key} warning={warning} />
      ))}
    </div>
  );
}

/** Props every control shares: which field it edits, its accessible state. */
function useControl(name: FieldKey) {
  const form = useForm();
  const error = useVisibleError(name);
  const hasMessage = error !== undefined || useFieldWarnings(name).length > 0;
  const isFlagged = useIsFlagged(name);
  const describedBy = [isFlagged && flagId(name), hasMessage && messageId(name)].filter(Boolean).join(' ');
  return {
    form,
    aria: {
      id: controlId(name),
      name,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
      onBlur: () => form.touch(name),
    },
  };
}

interface TextFieldProps {
  name: TextKey;
  label: string;
  hint?: ComponentChildren;
  /** In the hint's place, for a hint that decides itself whether to show (it renders its own box). */
  below?: ComponentChildren;
  isOptional?: boolean;
  type?: 'text' | 'tel' | 'date';
  inputMode?: 'numeric' | 'tel' | 'text';
  autoComplete?: string;
  maxLength?: number;
  isMultiline?: boolean;
  /** Names and places: the keyboard starts each word with a capital. */
  isCapitalized?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { form, aria } = useControl(props.name);
  const value = useFormValue(props.name);
  const { t } = useI18n();
  const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
    form.setField(props.name, e.currentTarget.value);
  return (
    <div class="field">
      <label for={aria.id}>
        {props.label} {props.isOptional && <span class="optional">{t('form.optional')}</span>}
      </label>
      {props.isMultiline ? (
        <textarea {...aria} rows={3} maxLength={props.maxLength} value={value} onInput={onInput} />
      ) : (
        <input
          {...aria}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          autocapitalize={props.isCapitalized ? 'words' : undefined}
          // Digits and phone numbers have no spelling: no spell check runs on them after each key.
          spellcheck={props.inputMode === 'numeric' || props.type === 'tel' ? false : undefined}
          enterKeyHint="next"
          maxLength={props.maxLength}
          value={value}
          onInput={onInput}
        />
      )}
      {props.hint && <div class="hint">{props.hint}</div>}
      {props.below}
      <FieldMessages name={props.name} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: {
  name: TextKey;
  label: string;
  options: Option[];
  placeholder?: string;
}) {
  const { form, aria } = useControl(props.name);
  const value = useFormValue(props.name);
  return (
    <div class="field">
      <label for={aria.id}>{props.label}</label>
      <select {...aria} value={value} onChange={(e) => form.setField(props.name, e.currentTarget.value)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages name={props.name} />
    </div>
  );
}

/** A radio group; `onPick` sets the value (typed per field by the caller). */
export function ChoiceField(props: {
  name: TextKey;
  legend: string;
  options: Option[];
  onPick: (value: string) => void;
}) {
  const { form } = useControl(props.name);
  const value = useFormValue(props.name);
  return (
    <fieldset class="field choice" id={controlId(props.name)}>
      <legend>{props.legend}</legend>
      <div class="choice-options">
        {props.options.map((o) => (
          <label key={o.value} class="choice-option">
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={value === o.value}
              onChange={() => {
                props.onPick(o.value);
                form.touch(props.name);
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldMessages name={props.name} />
    </fieldset>
  );
}
