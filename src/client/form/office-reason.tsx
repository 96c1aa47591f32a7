/**
 * A record the office sent back: its reason at the top of the edit form, with a button per field it
 * concerns (src/shared/reject-reasons.ts, the same list Kantor offers), and those fields marked where
 * they are. The marks stay until the record is saved again: the office judges the new version.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldsOfReason } from '../../shared/reject-reasons';
import { useI18n } from '../i18n';
import { FIELD_LABELS } from './field-labels';
import { fieldOfIssue, type FieldKey } from './form-values';

const NO_FIELDS: ReadonlySet<FieldKey> = new Set();

/** The fields the office's reason concerns, for the controls to mark themselves. */
export const FlaggedFieldsContext = createContext<ReadonlySet<FieldKey>>(NO_FIELDS);

export const useIsFlagged = (name: FieldKey) => useContext(FlaggedFieldsContext).has(name);

/** The form's fields a reason concerns, in form order (the order FIELD_LABELS lists them). */
export function flaggedFieldsOf(reason: string | undefined): ReadonlySet<FieldKey> {
  if (!reason) return NO_FIELDS;
  const named = new Set(fieldsOfReason(reason).map(fieldOfIssue));
  return new Set((Object.keys(FIELD_LABELS) as FieldKey[]).filter((field) => named.has(field)));
}

export const flagId = (name: FieldKey) => `f-${name}-flag`;

/** "Dikembalikan kantor: <reason>" and a way to each field it concerns. */
export function OfficeReasonNotice({
  reason,
  onFocusField,
}: {
  reason: string;
  onFocusField: (f: FieldKey) => void;
}) {
  const { t } = useI18n();
  const fields = [...flaggedFieldsOf(reason)];
  return (
    <div class="notice notice-warn office-reason" role="note" aria-labelledby="office-reason-title">
      <p id="office-reason-title">
        <strong>{t('form.officeReason')}</strong> {reason}
      </p>
      <p>{t(fields.length > 0 ? 'form.officeReasonFix' : 'form.officeReasonCheck')}</p>
      {fields.length > 0 && (
        <ul class="error-links">
          {fields.map((field) => (
            <li key={field}>
              <button type="button" class="link" onClick={() => onFocusField(field)}>
                {t(FIELD_LABELS[field])}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Under a marked field's label: what the office asked about it (named by the control's description). */
export function FieldFlag({ name }: { name: FieldKey }) {
  const { t } = useI18n();
  if (!useIsFlagged(name)) return null;
  return (
    <p id={flagId(name)} class="msg msg-flag">
      {t('form.flagged')}
    </p>
  );
}
