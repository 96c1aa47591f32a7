/**
 * The registration form for one person: the sections, autosave to the drafts table, and the save.
 * Errors block the save; warnings need their "checked" box ticked first. After a new record is
 * saved the form empties for the next person; after an edit it opens the record.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PhotoChange, TakenPhoto } from '../db';
import { isoDateOf } from '../../shared/dates';
import { cancelDraftSave, scheduleDraftSave, useDraftAutosave } from '../drafts/draft-autosave';
import { useI18n } from '../i18n';
import { HREF, navigate } from '../shell/routes';
import { loadStore, useServices } from '../shell/services';
import { AddressSection } from './AddressSection';
import { ConsentSection, ExtrasSection } from './ConsentSection';
import { moveFocusOnEnter } from './enter-moves-on';
import { controlId } from './fields';
import { FormContext, useFormSelect } from './form-state';
import { FormStore } from './form-store';
import { EMPTY_FORM, isSameValues, type FormValues } from './form-values';
import { IdentitySection } from './IdentitySection';
import { FlaggedFieldsContext, flaggedFieldsOf, OfficeReasonNotice } from './office-reason';
import { hasPhotoAfterSave, KtpPhotoField, PHOTO_INPUT_ID, usePhotoContext } from './KtpPhotoField';
import { SaveNotice, type SaveOutcome } from './SaveNotice';
import { submitRegistration } from './submit-registration';
import { HeirSection, WorkSection } from './WorkSection';

interface Props {
  initial: FormValues;
  /** What "unchanged" means: empty for a new record, the saved values when editing. */
  base: FormValues;
  draftId: string;
  recordId?: string;
  /** False until the stored draft was looked for, so typing cannot overwrite it unseen. */
  canAutosave: boolean;
  /** Why the office sent the record back (an edit of a rejected record): shown first, fields marked. */
  officeReason?: string;
  /** The photo kept with the draft this form continues (RegistrationScreen). */
  initialPhoto?: TakenPhoto;
}

function focusField(field: string): void {
  document.getElementById(controlId(field as never))?.focus();
}

/**
 * Keeps what is typed as a draft and says so. Its own component: it reads every value, so it
 * re-renders on every keystroke, and the form around it does not.
 */
function DraftAutosave(props: {
  draftId: string;
  base: FormValues;
  canAutosave: boolean;
  hasPhoto: boolean;
}) {
  const services = useServices();
  const { t } = useI18n();
  const values = useFormSelect((form) => form.values);
  // A chosen photo alone is worth a draft: emptying the fields must not delete the photo kept with it.
  const isDirty = !isSameValues(values, props.base) || props.hasPhoto;
  const status = useDraftAutosave(
    services.getDb,
    props.draftId,
    values,
    isDirty && props.canAutosave,
    services.now,
  );
  if (status === 'idle' || !isDirty) return null;
  return (
    <p class={status === 'failed' ? 'msg msg-warning' : 'hint'} role="status">
      {t(status === 'failed' ? 'draft.failed' : 'draft.saved')}
    </p>
  );
}

export function RegistrationForm({
  initial,
  base,
  draftId,
  recordId,
  canAutosave,
  officeReason,
  initialPhoto,
}: Props) {
  const services = useServices();
  const { t } = useI18n();
  // One store for the form's life (the screen remounts the form for other starting values).
  const [form] = useState(() => new FormStore(initial, () => isoDateOf(services.now())));
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [photo, setPhoto] = useState<PhotoChange>(initialPhoto);
  const photoContext = usePhotoContext(recordId);
  const flagged = useMemo(() => flaggedFieldsOf(officeReason), [officeReason]);
  // The same elements from one render to the next, so Preact skips them when only the form's own
  // state changes (the stored draft checked, the photo, a save's outcome): each field re-renders
  // from the store's subscriptions alone, never the whole form at once.
  const identity = useMemo(() => <IdentitySection recordId={recordId} />, [recordId]);
  const sections = useMemo(
    () => (
      <>
        <AddressSection />
        <WorkSection />
        <HeirSection />
        <ConsentSection />
        <ExtrasSection />
      </>
    ),
    [],
  );

  const save = async () => {
    cancelDraftSave(draftId); // the save deletes the draft in its own transaction
    setSaving(true);
    const result = await submitRegistration(services, form.values, recordId, photo);
    setSaving(false);
    setOutcome(result);
    if (result.kind !== 'saved') {
      scheduleDraftSave(services.getDb, draftId, form.values, services.now); // keep what was typed
      return;
    }
    // An edit opens its record, unless the notice has to say that the new photo was not saved.
    if (recordId && !result.photoError) return navigate(HREF.record(result.id));
    if (recordId) return;
    form.replaceValues(EMPTY_FORM);
    setPhoto(undefined);
    window.scrollTo?.(0, 0);
  };

  /** Leaving an edit on purpose drops its draft: the saved record stays as it was. */
  const cancelEdit = async (id: string) => {
    cancelDraftSave(draftId);
    const [db, { discardDraft }] = await Promise.all([services.getDb(), loadStore()]);
    await discardDraft(db, draftId);
    navigate(HREF.record(id));
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    form.revealAll();
    const [firstError] = form.errors;
    if (firstError) {
      setOutcome({ kind: 'errors', count: form.errors.length, fields: form.errors.map((e) => e.field) });
      return focusField(firstError.field);
    }
    const [firstUnconfirmed] = form.unconfirmedWarnings;
    if (firstUnconfirmed) {
      setOutcome({ kind: 'confirm' });
      return focusField(firstUnconfirmed.field);
    }
    if (photoContext.isRequired && !hasPhotoAfterSave(photo, photoContext)) {
      setOutcome({ kind: 'photo_required' });
      return document.getElementById(PHOTO_INPUT_ID)?.focus();
    }
    void save();
  };

  return (
    <FormContext.Provider value={form}>
      <FlaggedFieldsContext.Provider value={flagged}>
        <form
          class="registration"
          onSubmit={onSubmit}
          onKeyDown={moveFocusOnEnter}
          noValidate
          data-autosave={canAutosave ? 'on' : 'paused'}
          aria-label={t(recordId ? 'form.titleEdit' : 'form.titleNew')}
        >
          {officeReason && <OfficeReasonNotice reason={officeReason} onFocusField={focusField} />}
          {outcome?.kind === 'saved' && <SaveNotice outcome={outcome} />}
          {identity}
          <KtpPhotoField
            recordId={recordId}
            draftId={draftId}
            photo={photo}
            context={photoContext}
            onChange={setPhoto}
          />
          {sections}
          {outcome && outcome.kind !== 'saved' && <SaveNotice outcome={outcome} />}
          <div class="actions">
            <DraftAutosave
              draftId={draftId}
              base={base}
              canAutosave={canAutosave}
              hasPhoto={photo !== undefined}
            />
            <button type="submit" class="button primary" disabled={isSaving}>
              {t(isSaving ? 'form.saving' : 'form.save')}
            </button>
            {recordId && (
              <button type="button" class="button secondary" onClick={() => void cancelEdit(recordId)}>
                {t('form.cancel')}
              </button>
            )}
          </div>
        </form>
      </FlaggedFieldsContext.Provider>
    </FormContext.Provider>
  );
}
