/** Occupation, declared income bracket, programme and funding, with the monthly premium they give. */
import { HEIR_RELATIONSHIPS, OCCUPATIONS } from '../../shared/occupations';
import { formatRupiah, INCOME_BRACKETS, monthlyPremium, PROGRAMMES } from '../../shared/premium';
import { FUNDINGS } from '../../shared/registration';
import { useI18n } from '../i18n';
import { ChoiceField, SelectField, TextField } from './fields';
import { useForm } from './form-state';

function PremiumLine() {
  const { values } = useForm();
  const { t } = useI18n();
  const income = Number(values.monthlyIncome);
  if (!Number.isInteger(income) || income <= 0) return null;
  const amount = formatRupiah(monthlyPremium(income, values.programme).total);
  return (
    <p class="premium" aria-live="polite">
      {t('form.premium', { amount })}
    </p>
  );
}

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
      {form.values.occupation === 'lainnya' && (
        <TextField name="occupationOther" label={t('form.occupationOther')} maxLength={60} />
      )}
      <SelectField
        name="monthlyIncome"
        label={t('form.income')}
        options={INCOME_BRACKETS.map((amount) => ({ value: String(amount), label: formatRupiah(amount) }))}
      />
      <ChoiceField
        name="programme"
        legend={t('form.programme')}
        value={form.values.programme}
        onPick={(value) => form.setField('programme', value === 'JKK_JKM_JHT' ? 'JKK_JKM_JHT' : 'JKK_JKM')}
        options={PROGRAMMES.map((p) => ({ value: p, label: t(`form.programme.${p}`) }))}
      />
      <ChoiceField
        name="funding"
        legend={t('form.funding')}
        value={form.values.funding}
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
