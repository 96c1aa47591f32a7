/**
 * What happened on the last save attempt, said plainly, with a link where one helps. A saved record's
 * notice follows it: "akan terkirim saat ada sinyal" only while it waits offline, "Terkirim ke kantor"
 * once the registry answered. A refusal takes
 * the focus (a screen reader reads it, the screen scrolls to it); field errors are announced once, as a
 * summary with a button per field, not as one alert per field.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StorageErrorCode } from '../db';
import { useI18n, type MessageKey } from '../i18n';
import { HREF } from '../shell/routes';
import { FIELD_LABELS } from './field-labels';
import { controlId } from './fields';
import type { FieldKey } from './form-values';
import { useOnlineHint, useSavedRecordState, type SavedRecordState } from './saved-record-state';

export type SaveOutcome =
  /** `photoError`: the record was saved, its new KTP photo was not (a full phone, say). */
  | { kind: 'saved'; id: string; name: string; photoError?: StorageErrorCode | 'too_large' }
  | { kind: 'errors'; count: number; fields?: readonly FieldKey[] }
  | { kind: 'confirm' }
  /** The office requires a KTP photo and the record would have none. */
  | { kind: 'photo_required' }
  | { kind: 'duplicate'; id: string; name: string }
  | { kind: 'not_found' }
  | { kind: 'storage'; code: StorageErrorCode }
  /** Something threw that no typed result covers: the save did not happen, the form keeps its values. */
  | { kind: 'failed' };

export function SaveNotice({ outcome }: { outcome: SaveOutcome }) {
  const { t } = useI18n();
  switch (outcome.kind) {
    case 'saved':
      return <SavedNotice id={outcome.id} name={outcome.name} photoError={outcome.photoError} />;
    case 'duplicate':
      return (
        <Refusal text={t('form.duplicate', { name: outcome.name })}>
          <a href={HREF.record(outcome.id)}>{t('form.duplicateOpen', { name: outcome.name })}</a>
        </Refusal>
      );
    case 'errors':
      return <ErrorSummary count={outcome.count} fields={outcome.fields ?? []} />;
    case 'confirm':
      return <Alert text={t('form.needsConfirm')} />;
    case 'photo_required':
      return <Alert text={t('photo.required')} />;
    case 'not_found':
      return <Refusal text={t('form.notFound')} />;
    case 'storage':
      return <Refusal text={t(`form.storage.${outcome.code}`)} />;
    case 'failed':
      return <Refusal text={t('form.failed')} />;
  }
}

/** Which sentence says what happened to a saved record: sent once the registry answered, not before. */
function savedKey(state: SavedRecordState | undefined, isOnline: boolean): MessageKey {
  switch (state?.syncState) {
    case 'sent':
    case 'verified':
      return 'form.savedSent';
    case 'duplicate':
    case 'needs_fix':
    case 'needs_office':
      return 'form.savedAttention';
    case 'pending':
    case undefined:
      if (state && !state.canSend) return 'form.savedNotEnrolled';
      return isOnline ? 'form.savedSending' : 'form.saved';
  }
}

type SavedProps = Omit<Extract<SaveOutcome, { kind: 'saved' }>, 'kind'>;

function SavedNotice({ id, name, photoError }: SavedProps) {
  const { t } = useI18n();
  const state = useSavedRecordState(id);
  const isOnline = useOnlineHint();
  return (
    <div class="notice notice-ok" role="status">
      <p>{t(savedKey(state, isOnline), { name })}</p>
      {photoError && <p class="msg msg-warning">{t(`photo.notSaved.${photoError}`)}</p>}
      <p class="notice-links">
        <a href={HREF.receipt(id)}>{t('receipt.open')}</a>
        <a href={HREF.record(id)}>{t('form.savedView')}</a>
      </p>
    </div>
  );
}

function Alert({ text }: { text: string }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{text}</p>
    </div>
  );
}

/** The save was refused: the notice takes the focus, so the volunteer sees and hears why. */
function Refusal({ text, children }: { text: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => ref.current?.focus(), [text]);
  return (
    <div ref={ref} class="notice notice-error" role="alert" tabIndex={-1}>
      <p>{text}</p>
      {children}
    </div>
  );
}

/** One announcement for every field error, each field one tap away (the form focuses the first). */
function ErrorSummary({ count, fields }: { count: number; fields: readonly FieldKey[] }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{t('form.hasErrors', { count })}</p>
      {fields.length > 0 && (
        <ul class="error-links">
          {[...new Set(fields)].map((field) => (
            <li key={field}>
              <button
                type="button"
                class="link"
                onClick={() => document.getElementById(controlId(field))?.focus()}
              >
                {t(FIELD_LABELS[field])}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
