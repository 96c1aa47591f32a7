/** Address: street, RT/RW, the kelurahan (which fixes the kecamatan) and the person's phone. */
import { useI18n } from '../i18n';
import { TextField } from './fields';
import { KelurahanPicker } from './KelurahanPicker';

export function AddressSection() {
  const { t } = useI18n();
  return (
    <fieldset class="section">
      <legend>{t('form.section.address')}</legend>
      <TextField name="street" label={t('form.street')} maxLength={200} isCapitalized />
      <div class="row">
        <TextField name="rt" label={t('form.rt')} inputMode="numeric" maxLength={3} />
        <TextField name="rw" label={t('form.rw')} inputMode="numeric" maxLength={3} />
      </div>
      <KelurahanPicker />
      <TextField
        name="phone"
        label={t('form.phone')}
        type="tel"
        inputMode="numeric"
        isOptional
        maxLength={20}
      />
    </fieldset>
  );
}
