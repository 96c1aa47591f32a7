/**
 * The UU PDP consent read out to the person, the checkbox, and the optional extras (GPS point, notes).
 * The consent time is not taken here: the save records it.
 */
import { useState } from 'preact/hooks';
import { CONSENT_TEXT_EN, CONSENT_TEXT_ID } from '../../shared/consent';
import { useI18n } from '../i18n';
import { controlId, FieldMessages, TextField } from './fields';
import { useForm, useFormValue } from './form-state';
import type { GpsPoint } from './form-values';

export function ConsentSection() {
  const form = useForm();
  const isAgreed = useFormValue('consentAgreed');
  const { t, lang } = useI18n();
  return (
    <fieldset class="section">
      <legend>{t('form.section.consent')}</legend>
      <blockquote class="consent-text" lang="id">
        {CONSENT_TEXT_ID}
      </blockquote>
      {lang === 'en' && <p class="hint">{CONSENT_TEXT_EN}</p>}
      <label class="check big">
        <input
          id={controlId('consentAgreed')}
          type="checkbox"
          checked={isAgreed}
          onChange={(e) => {
            form.setField('consentAgreed', e.currentTarget.checked);
            form.touch('consentAgreed');
          }}
        />
        <span>{t('form.consentAgree')}</span>
      </label>
      <FieldMessages name="consentAgreed" />
    </fieldset>
  );
}

/** One reading of the phone's position; rejects when there is no GPS or the person said no. */
function readPosition(): Promise<GpsPoint> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: p.coords.latitude,
          lon: p.coords.longitude,
          accuracyM: Math.round(p.coords.accuracy),
        }),
      reject,
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  });
}

export function ExtrasSection() {
  const form = useForm();
  const { t } = useI18n();
  const [status, setStatus] = useState<'idle' | 'busy' | 'failed'>('idle');
  const location = useFormValue('location');
  const locate = async () => {
    setStatus('busy');
    try {
      form.setField('location', await readPosition());
      setStatus('idle');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <fieldset class="section">
      <legend>{t('form.section.extras')}</legend>
      <div class="field">
        <button type="button" class="button secondary" onClick={locate} disabled={status === 'busy'}>
          {t(status === 'busy' ? 'form.locationBusy' : 'form.location')}
        </button>
        {location && (
          <p class="hint">
            {t('form.locationSaved', {
              lat: location.lat.toFixed(5),
              lon: location.lon.toFixed(5),
              acc: location.accuracyM,
            })}{' '}
            <button type="button" class="link" onClick={() => form.setField('location', null)}>
              {t('form.locationClear')}
            </button>
          </p>
        )}
        {status === 'failed' && <p class="msg msg-warning">{t('form.locationFailed')}</p>}
      </div>
      <TextField name="notes" label={t('form.notes')} isOptional isMultiline maxLength={500} />
    </fieldset>
  );
}
