/** Identity as on the KTP: NIK, name, birth place and date, gender — with what the NIK itself says. */
import { isIsoDate } from '../../shared/dates';
import { parseNik, type NikInfo } from '../../shared/nik';
import { useI18n } from '../i18n';
import { ChoiceField, TextField } from './fields';
import { useForm } from './form-state';

/** "1975-08-17" → "17-08-1975", the order Indonesians read dates in. */
export function formatDayMonthYear(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

function useNikInfo(): NikInfo | undefined {
  const { values, today } = useForm();
  const hintYear = isIsoDate(values.birthDate) ? Number(values.birthDate.slice(0, 4)) : undefined;
  const parsed = parseNik(values.nik, today, hintYear);
  return parsed.ok ? parsed.info : undefined;
}

/** What the NIK encodes, next to what was typed, with a button to copy it over. */
function NikDerivedInfo({ info }: { info: NikInfo }) {
  const form = useForm();
  const { t } = useI18n();
  const gender = t(info.gender === 'P' ? 'form.gender.P' : 'form.gender.L').toLowerCase();
  const isDifferent = form.values.birthDate !== info.birthDate || form.values.gender !== info.gender;
  const fill = () => {
    form.setField('birthDate', info.birthDate);
    form.setField('gender', info.gender);
  };
  return (
    <div class="nik-info" aria-live="polite">
      <p>{t('form.fromNik', { gender, date: formatDayMonthYear(info.birthDate) })}</p>
      {isDifferent && (form.values.birthDate === '' || form.values.gender === '') && (
        <button type="button" class="button secondary small" onClick={fill}>
          {t('form.fromNikFill')}
        </button>
      )}
    </div>
  );
}

export function IdentitySection() {
  const form = useForm();
  const { t } = useI18n();
  const nikInfo = useNikInfo();
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
      <TextField name="fullName" label={t('form.fullName')} autoComplete="off" maxLength={100} />
      <TextField name="birthPlace" label={t('form.birthPlace')} maxLength={60} />
      <TextField
        name="birthDate"
        label={t('form.birthDate')}
        type="date"
        hint={nikInfo && <NikDerivedInfo info={nikInfo} />}
      />
      <ChoiceField
        name="gender"
        legend={t('form.gender')}
        value={form.values.gender}
        onPick={(value) => form.setField('gender', value === 'P' ? 'P' : 'L')}
        options={[
          { value: 'L', label: t('form.gender.L') },
          { value: 'P', label: t('form.gender.P') },
        ]}
      />
    </fieldset>
  );
}
