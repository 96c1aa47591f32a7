/** Identity as on the KTP: NIK, name, birth place and date, gender — with what the NIK itself says. */
import { useEffect, useState } from 'preact/hooks';
import { isIsoDate } from '../../shared/dates';
import { normalizeNikInput, parseNik, type NikInfo } from '../../shared/nik';
import { useI18n } from '../i18n';
import { HREF } from '../shell/routes';
import { loadStore, useServices } from '../shell/services';
import { ChoiceField, TextField } from './fields';
import { useForm, useFormValue } from './form-state';

/** "1975-08-17" → "17-08-1975", the order Indonesians read dates in. */
export function formatDayMonthYear(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

function useNikInfo(): NikInfo | undefined {
  const form = useForm();
  const nik = useFormValue('nik');
  const birthDate = useFormValue('birthDate');
  const hintYear = isIsoDate(birthDate) ? Number(birthDate.slice(0, 4)) : undefined;
  const parsed = parseNik(nik, form.today(), hintYear);
  return parsed.ok ? parsed.info : undefined;
}

/**
 * What the NIK encodes, next to what was typed, with a button to copy it over: both when neither is
 * typed yet, or just the date when the typed one disagrees (one tap instead of retyping it).
 */
function NikDerivedInfo({ info }: { info: NikInfo }) {
  const form = useForm();
  const { t } = useI18n();
  const gender = t(info.gender === 'P' ? 'form.gender.P' : 'form.gender.L').toLowerCase();
  const birthDate = useFormValue('birthDate');
  const typedGender = useFormValue('gender');
  const isDifferent = birthDate !== info.birthDate || typedGender !== info.gender;
  const fill = () => {
    form.setField('birthDate', info.birthDate);
    form.setField('gender', info.gender);
  };
  const isDateWrong = birthDate !== '' && isIsoDate(birthDate) && birthDate !== info.birthDate;
  return (
    <div class="nik-info" aria-live="polite">
      <p>{t('form.fromNik', { gender, date: formatDayMonthYear(info.birthDate) })}</p>
      {isDifferent && (birthDate === '' || typedGender === '') && (
        <button type="button" class="button secondary small" onClick={fill}>
          {t('form.fromNikFill')}
        </button>
      )}
      {isDateWrong && typedGender !== '' && (
        <button
          type="button"
          class="button secondary small"
          onClick={() => form.setField('birthDate', info.birthDate)}
        >
          {t('form.fromNikUseDate')}
        </button>
      )}
    </div>
  );
}

/**
 * Another record on this phone with the NIK being typed, looked up as soon as it has 16 digits (not
 * only at Simpan, after every other field). `ownId`: the record being edited, which holds it itself.
 */
function useNikHolder(nik: string, ownId: string | undefined): { id: string; fullName: string } | undefined {
  const services = useServices();
  const [holder, setHolder] = useState<{ id: string; fullName: string }>();
  const digits = normalizeNikInput(nik);
  useEffect(() => {
    setHolder(undefined);
    if (!/^\d{16}$/.test(digits)) return;
    let isCurrent = true;
    void Promise.all([services.getDb(), loadStore()])
      .then(([db, store]) => store.findByNik(db, digits))
      .then((found) => isCurrent && found && found.id !== ownId && setHolder(found))
      .catch(() => undefined); // the check at Simpan still runs
    return () => {
      isCurrent = false;
    };
  }, [digits, ownId, services]);
  return holder;
}

/** Under the birth date, once the NIK is a valid one: what it says (the birth date's hint). */
function NikDerivedHint() {
  const info = useNikInfo();
  if (!info) return null;
  return (
    <div class="hint">
      <NikDerivedInfo info={info} />
    </div>
  );
}

function NikHolderNotice({ recordId }: { recordId: string | undefined }) {
  const { t } = useI18n();
  const holder = useNikHolder(useFormValue('nik'), recordId);
  if (!holder) return null;
  return (
    <div class="msg msg-warning" role="status">
      <p>{t('form.duplicate', { name: holder.fullName })}</p>
      <a href={HREF.record(holder.id)}>{t('form.duplicateOpen', { name: holder.fullName })}</a>
    </div>
  );
}

/** Reads no value itself: typing re-renders the field typed in and what reads it, not the section. */
export function IdentitySection({ recordId }: { recordId?: string }) {
  const form = useForm();
  const { t } = useI18n();
  return (
    <fieldset class="section">
      <legend>{t('form.section.identity')}</legend>
      <TextField
        name="nik"
        label={t('form.nik')}
        inputMode="numeric"
        maxLength={24}
        hint={t('form.nikHint')}
      />
      <NikHolderNotice recordId={recordId} />
      <TextField name="fullName" label={t('form.fullName')} maxLength={100} isCapitalized />
      <TextField name="birthPlace" label={t('form.birthPlace')} maxLength={60} isCapitalized />
      <TextField name="birthDate" label={t('form.birthDate')} type="date" below={<NikDerivedHint />} />
      <ChoiceField
        name="gender"
        legend={t('form.gender')}
        onPick={(value) => form.setField('gender', value === 'P' ? 'P' : 'L')}
        options={[
          { value: 'L', label: t('form.gender.L') },
          { value: 'P', label: t('form.gender.P') },
        ]}
      />
    </fieldset>
  );
}
