/**
 * The KTP photo in the form (optional): take it with the camera or pick a file, see it, take it again
 * or drop it. A chosen photo is kept with the form's draft at once (drafts/draft-photo.ts), so a tab
 * killed while the camera app is open comes back with it; Simpan saves it with the record in one
 * transaction (db/registrations.ts), which also deletes the draft's copy. On the first paint's path, so
 * the compression (photo-compress.ts) and the stored photo of an edited record are loaded only when
 * needed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DraftPhotoResult, PhotoChange, PhotoRow } from '../db';
import { keepPhotoWithDraft } from '../drafts/draft-photo';
import { useI18n, type MessageKey } from '../i18n';
import { loadStore, useServices } from '../shell/services';

export const PHOTO_INPUT_ID = 'ktp-photo';

/** What an edited record has now: its photo on the phone, one already at the office, or none. */
type Stored = { kind: 'none' } | { kind: 'on_phone'; row: PhotoRow } | { kind: 'at_office' };

export interface PhotoContext {
  stored: Stored;
  /** The office requires a photo (what the last pull said). */
  isRequired: boolean;
}

/** The edited record's photo and the office's requirement, read once the storage code is there. */
export function usePhotoContext(recordId: string | undefined): PhotoContext {
  const { getDb } = useServices();
  const [context, setContext] = useState<PhotoContext>({ stored: { kind: 'none' }, isRequired: false });
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const [db, store] = await Promise.all([getDb(), loadStore()]);
      const [isRequired, record, row] = await Promise.all([
        store.isPhotoRequired(db),
        recordId ? store.getRegistration(db, recordId) : undefined,
        recordId ? store.getRecordPhoto(db, recordId) : undefined,
      ]);
      const named = record && !store.isSlim(record) && record.ktpPhoto;
      const stored: Stored = row
        ? { kind: 'on_phone', row }
        : named
          ? { kind: 'at_office' }
          : { kind: 'none' };
      if (isCurrent) setContext({ stored, isRequired });
    })().catch(() => undefined);
    return () => void (isCurrent = false);
  }, [recordId]);
  return context;
}

/** Whether a save with this choice leaves the record with a photo. */
export function hasPhotoAfterSave(photo: PhotoChange, context: PhotoContext): boolean {
  if (photo === 'remove') return false;
  return photo !== undefined || context.stored.kind !== 'none';
}

interface Props {
  /** The record being edited, whose photo (if the phone still holds it) is shown until replaced. */
  recordId?: string;
  /** The form's draft, which keeps a chosen photo until the save. */
  draftId: string;
  photo: PhotoChange;
  context: PhotoContext;
  onChange: (photo: PhotoChange) => void;
}

/** An object URL for a Blob, revoked when the Blob changes or the component goes. */
export function usePreviewUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    // A row read back as something else than a Blob (a damaged store) shows no preview, never a crash.
    if (!(blob instanceof Blob)) return setUrl(undefined);
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

/** Why a chosen photo could not be kept with the draft, in words (the form still saves it). */
function notKeptKey(result: DraftPhotoResult): MessageKey | undefined {
  if (result.ok) return undefined;
  if (result.storageError === 'quota' || result.storageError === 'too_large')
    return `photo.notKept.${result.storageError}`;
  return 'photo.notKept.other';
}

/** onChange, and the choice kept with the draft; says when it could not be. */
function useKeptChoice(draftId: string, onChange: Props['onChange']) {
  const { getDb, now } = useServices();
  const [notKept, setNotKept] = useState<MessageKey>();
  const choose = async (next: PhotoChange) => {
    onChange(next);
    setNotKept(notKeptKey(await keepPhotoWithDraft(getDb, draftId, next, now)));
  };
  return [notKept, choose] as const;
}

export function KtpPhotoField({ recordId, draftId, photo, context, onChange }: Props) {
  const { t } = useI18n();
  const { stored, isRequired } = context;
  const [status, setStatus] = useState<'idle' | 'busy' | 'unreadable'>('idle');
  const [notKept, choose] = useKeptChoice(draftId, onChange);
  const shown =
    photo === 'remove'
      ? undefined
      : photo
        ? photo.blob
        : stored.kind === 'on_phone'
          ? stored.row.blob
          : undefined;
  const preview = usePreviewUrl(shown);
  const hasPhoto = shown !== undefined || (photo === undefined && stored.kind === 'at_office');

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file chosen again still fires a change
    if (!file) return;
    setStatus('busy');
    const { compressPhoto } = await import('./photo-compress');
    const result = await compressPhoto(file);
    setStatus(result.ok ? 'idle' : 'unreadable');
    if (result.ok) await choose(result.photo);
  };

  return (
    <fieldset class="section ktp-photo">
      <legend>
        {t('photo.title')} <span class="hint">{t(isRequired ? 'photo.requiredMark' : 'form.optional')}</span>
      </legend>
      {preview && <img class="ktp-photo-preview" src={preview} alt={t('photo.previewAlt')} />}
      {!preview && photo === undefined && stored.kind === 'at_office' && (
        <p class="hint">{t('photo.atOffice')}</p>
      )}
      {stored.kind === 'on_phone' && stored.row.state === 'rejected' && photo === undefined && (
        <p class="msg msg-warning">{t(`photo.rejected.${stored.row.rejection ?? 'unsupported'}`)}</p>
      )}
      {photo === 'remove' && <p class="hint">{t('photo.willRemove')}</p>}
      {status === 'busy' && <p role="status">{t('photo.processing')}</p>}
      {status === 'unreadable' && <p class="msg msg-error">{t('photo.unreadable')}</p>}
      {notKept && photo && photo !== 'remove' && (
        <p class="msg msg-warning" role="status">
          {t(notKept)}
        </p>
      )}
      <div class="actions">
        <label class="button secondary">
          {t(hasPhoto ? 'photo.retake' : 'photo.take')}
          <input
            id={PHOTO_INPUT_ID}
            class="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="ktp-photo-input"
            disabled={status === 'busy'}
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        {hasPhoto && (
          <button
            type="button"
            class="button secondary"
            onClick={() => void choose(recordId ? 'remove' : undefined)}
          >
            {t('photo.remove')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
