/** The pieces both backup forms are made of: a passphrase field, and the submit-or-cancel row. */
import type { ComponentChildren } from 'preact';
import { useI18n, type MessageKey } from '../i18n';

interface PassphraseFieldProps {
  id: string;
  label: MessageKey;
  value: string;
  onInput: (value: string) => void;
  /** 'new-password' when making a backup (a manager may offer a strong one), 'off' when opening one. */
  autocomplete: 'new-password' | 'off';
  isInvalid?: boolean;
  hint?: ComponentChildren;
}

export function PassphraseField(props: PassphraseFieldProps) {
  const { t } = useI18n();
  const hintId = `${props.id}-hint`;
  return (
    <div class="field">
      <label for={props.id}>{t(props.label)}</label>
      <input
        id={props.id}
        type="password"
        autocomplete={props.autocomplete}
        aria-describedby={props.hint ? hintId : undefined}
        aria-invalid={props.isInvalid || undefined}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function BackupActions(props: { submit: string; isWorking: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div class="actions">
      <button type="submit" class="button primary" disabled={props.isWorking}>
        {props.submit}
      </button>
      <button type="button" class="button secondary" onClick={props.onClose}>
        {t('backup.cancel')}
      </button>
    </div>
  );
}
