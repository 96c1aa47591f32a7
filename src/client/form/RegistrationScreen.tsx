/**
 * The register / edit screen: loads the record being edited (if any) and a stored draft with the photo
 * kept with it, offers "continue" or "discard" for the draft, then shows the form. The form remounts
 * (key) when the starting values change, so its state always starts from what was chosen here. A draft
 * photo alone is a draft (chosen before any typing, then the tab was killed by the camera app).
 */
import { useEffect, useState } from 'preact/hooks';
import { isoDateOf } from '../../shared/dates';
import type { Draft, JaringDb, TakenPhoto } from '../db';
// Straight from drafts.ts (no Dexie in it): the constant is needed before the storage code loads.
import { NEW_DRAFT_ID } from '../db/drafts';
import { isDraftSettled, markDraftSettled } from '../drafts/draft-session';
import { useI18n } from '../i18n';
import { loadStore, useServices, type Store } from '../shell/services';
import { validateFormValues } from './form-state';
import {
  EMPTY_FORM,
  fromRegistration,
  isSameValues,
  restoreFormValues,
  type FormValues,
} from './form-values';
import { RegistrationForm } from './RegistrationForm';
import { formatMoment } from '../../shared/format';

type Phase =
  | { name: 'loading' }
  | { name: 'not_found' }
  | { name: 'slimmed' }
  | { name: 'offer'; base: FormValues; draft: FormValues; draftAt: string; photo?: TakenPhoto }
  /** `isChecked` false: the stored draft is still being looked for (form shown, autosave paused). */
  | {
      name: 'form';
      base: FormValues;
      initial: FormValues;
      generation: number;
      isChecked: boolean;
      photo?: TakenPhoto;
    };

/** A saved record as its starting form values; the warnings it was saved with count as confirmed. */
function baseOf(record: Parameters<typeof fromRegistration>[0] | undefined, today: string): FormValues {
  if (!record) return EMPTY_FORM;
  const values = fromRegistration(record);
  return { ...values, confirmedWarnings: validateFormValues(values, today).warnings.map((w) => w.key) };
}

/**
 * The stored draft of `draftId` worth offering: typed values other than `base`, or a photo kept with
 * it (a photo alone is a draft: taken first, then the tab was killed). A damaged draft reads as none.
 */
async function readDraft(db: JaringDb, store: Store, draftId: string, base: FormValues) {
  const [draft, kept] = await Promise.all([
    store.loadDraft(db, draftId).catch((): Draft | undefined => undefined),
    store.loadDraftPhoto(db, draftId).catch(() => undefined),
  ]);
  const values = (draft && restoreFormValues(draft.values)) ?? (kept && base);
  if (!values || (!kept && isSameValues(values, base))) return undefined;
  return { values, at: draft?.updatedAt ?? kept?.keptAt ?? '', photo: kept?.photo };
}

function usePhase(recordId: string | undefined, draftId: string) {
  const services = useServices();
  const { getDb, now } = services;
  // A new form paints at once, before the storage code has loaded; an edit needs its record first.
  const [officeReason, setOfficeReason] = useState<string>();
  const [phase, setPhase] = useState<Phase>(() =>
    recordId
      ? { name: 'loading' }
      : { name: 'form', base: EMPTY_FORM, initial: EMPTY_FORM, generation: 0, isChecked: false },
  );
  useEffect(() => {
    let isCurrent = true;
    const load = async () => {
      const [db, store] = await Promise.all([getDb(), loadStore()]);
      const record = recordId ? await store.getRegistration(db, recordId) : undefined;
      if (recordId && !record) return setPhase({ name: 'not_found' });
      // Kept only as the list needs it (the office has the record): nothing to edit from.
      if (record?.slimmedAt !== undefined) return setPhase({ name: 'slimmed' });
      // Sent back by the office: its reason heads the form until the record is saved again.
      setOfficeReason(record?.syncState === 'needs_fix' ? record.serverReason : undefined);
      const base = baseOf(record, isoDateOf(now()));
      const draft = await readDraft(db, store, draftId, base);
      if (!isCurrent) return;
      if (draft && !isDraftSettled(services, draftId)) {
        setPhase({ name: 'offer', base, draft: draft.values, draftAt: draft.at, photo: draft.photo });
      } else if (draft) {
        // Typed since this app start (the offer was answered): back to the form as it was left.
        const { values: initial, photo } = draft;
        setPhase({ name: 'form', base, initial, generation: 1, isChecked: true, photo });
      } else setPhase({ name: 'form', base, initial: base, generation: 0, isChecked: true });
    };
    void load();
    return () => {
      isCurrent = false;
    };
  }, [services, getDb, recordId, draftId, now]);
  // Once the form is shown checked, whatever is stored under draftId from now on is this start's typing.
  const isSettled = phase.name === 'form' && phase.isChecked;
  useEffect(() => {
    if (isSettled) markDraftSettled(services, draftId);
  }, [isSettled, services, draftId]);
  return [phase, setPhase, officeReason] as const;
}

export function RegistrationScreen({ recordId }: { recordId?: string }) {
  const { getDb } = useServices();
  const { t, lang } = useI18n();
  const draftId = recordId ?? NEW_DRAFT_ID;
  const [phase, setPhase, officeReason] = usePhase(recordId, draftId);
  const title = t(recordId ? 'form.titleEdit' : 'form.titleNew');

  if (phase.name === 'loading') return <p class="loading">{t('app.loading')}</p>;
  if (phase.name === 'not_found') return <p class="notice notice-error">{t('records.notFound')}</p>;
  if (phase.name === 'slimmed') return <p class="notice">{t('records.slimmed')}</p>;
  if (phase.name === 'offer') {
    const time = formatMoment(phase.draftAt, lang);
    const name = phase.draft.fullName.trim();
    const discard = async () => {
      const [db, { discardDraft }] = await Promise.all([getDb(), loadStore()]);
      await discardDraft(db, draftId);
      setPhase({ name: 'form', base: phase.base, initial: phase.base, generation: 1, isChecked: true });
    };
    return (
      <section class="screen">
        <h2>{title}</h2>
        <div class="notice notice-info" role="alert">
          <p>{name ? t('draft.foundName', { name, time }) : t('draft.found', { time })}</p>
          {phase.photo && <p>{t('draft.withPhoto')}</p>}
          <div class="actions inline">
            <button
              type="button"
              class="button primary"
              onClick={() =>
                setPhase({
                  name: 'form',
                  base: phase.base,
                  initial: phase.draft,
                  generation: 1,
                  isChecked: true,
                  photo: phase.photo,
                })
              }
            >
              {t('draft.continue')}
            </button>
            <button type="button" class="button secondary" onClick={() => void discard()}>
              {t('draft.discard')}
            </button>
          </div>
        </div>
      </section>
    );
  }
  return (
    <section class="screen">
      <h2>{title}</h2>
      <RegistrationForm
        key={`${draftId}-${phase.generation}`}
        initial={phase.initial}
        base={phase.base}
        draftId={draftId}
        recordId={recordId}
        officeReason={officeReason}
        canAutosave={phase.isChecked}
        initialPhoto={phase.photo}
      />
    </section>
  );
}
