/** Occupation, declared income bracket, programme and funding, with the monthly premium they give. */
import { HEIR_RELATIONSHIPS, OCCUPATIONS } from '../../shared/occupations';
import { formatRupiah, INCOME_BRACKETS, monthlyPremium, PROGRAMMES } from '../../shared/premium';
import { FUNDINGS } from '../../shared/registration';
import { useI18n } from '../i18n';
import { ChoiceField, SelectField, TextField } from './fields';
import { useForm, useFormValue } from './form-state';

function PremiumLine() {
  const { t } = useI18n();
  const income = Number(useFormValue('monthlyIncome'));
  const programme = useFormValue('programme');
  if (!Number.isInteger(income) || income <= 0) return null;
  const amount = formatRupiah(monthlyPremium(income, programme).total);
  return (
    <p class="premium" aria-live="polite">
      {t('form.premium', { amount })}
    </p>
  );
}

/** Asked only when the occupation is "other". */
function OccupationOtherField() {
  const { t } = useI18n();
  if (useFormValue('occupation') !== 'lainnya') return null;
  return <TextField name="occupationOther" label={t('form.occupationOther')} maxLength={60} />;
}

/** Reads no value itself, so a change re-renders only the control changed and what reads it. */
export function WorkSection() {
  const form = useForm();
  const { t, lang } = useI18n();
  return (
    <fieldset class="section">
      <legend>{t('form.section.work')}</legend>
      <SelectField
        name="occupation"
        label={t('form.occupation')}
        placeholder={t('form.occupationChoose')}
        options={OCCUPATIONS.map((o) => ({ value: o.code, label: o[lang] }))}
      />
      <OccupationOtherField />
      <SelectField
        name="monthlyIncome"
        label={t('form.income')}
        options={INCOME_BRACKETS.map((amount) => ({ value: String(amount), label: formatRupiah(amount) }))}
      />
      <ChoiceField
        name="programme"
        legend={t('form.programme')}
        onPick={(value) => form.setField('programme', value === 'JKK_JKM_JHT' ? 'JKK_JKM_JHT' : 'JKK_JKM')}
        options={PROGRAMMES.map((p) => ({ value: p, label: t(`form.programme.${p}`) }))}
      />
      <ChoiceField
        name="funding"
        legend={t('form.funding')}
        onPick={(value) => form.setField('funding', value === 'MANDIRI' ? 'MANDIRI' : 'APBD')}
        options={FUNDINGS.map((f) => ({ value: f, label: t(`form.funding.${f}`) }))}
      />
      <PremiumLine />
    </fieldset>
  );
}

export function HeirSection() {
  const { t, lang } = useI18n();
  return (
    <fieldset class="section">
      <legend>{t('form.section.heir')}</legend>
      <p class="hint">{t('form.heirWhy')}</p>
      <TextField name="heirName" label={t('form.heirName')} maxLength={100} isCapitalized />
      <SelectField
        name="heirRelationship"
        label={t('form.heirRelationship')}
        placeholder={t('form.heirRelationshipChoose')}
        options={HEIR_RELATIONSHIPS.map((r) => ({ value: r.code, label: r[lang] }))}
      />
      <TextField
        name="heirPhone"
        label={t('form.heirPhone')}
        type="tel"
        inputMode="numeric"
        isOptional
        maxLength={20}
      />
    </fieldset>
  );
}
