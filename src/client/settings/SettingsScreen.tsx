/**
 * Settings: the language, the phone's storage (protected or not, how much is used), the rescue backup
 * (its code and crypto load only when this screen opens) and the enrollment. Loaded lazily.
 */
import { useEffect, useState } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n';
import { lazyScreen } from '../shell/lazy-screen';
import { EnrollSection } from '../sync/EnrollSection';
import { readStorageStatus, requestPersistence, type StorageStatus } from './storage-persistence';
import { formatBytes } from '../../shared/format';

const BackupSection = lazyScreen(() => import('../backup/BackupSection').then((m) => m.BackupSection));

function LanguageChoice() {
  const { t, lang, setLang } = useI18n();
  return (
    <fieldset class="section choice">
      <legend>{t('settings.language')}</legend>
      <div class="choice-options">
        {LANGUAGES.map((option) => (
          <label key={option} class="choice-option">
            <input
              type="radio"
              name="language"
              value={option}
              checked={lang === option}
              onChange={() => setLang(option)}
            />
            <span lang={option}>{LANGUAGE_NAMES[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function StorageInfo() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<StorageStatus | undefined>();
  const refresh = () => void readStorageStatus().then(setStatus);
  useEffect(refresh, []);
  const ask = async () => {
    await requestPersistence();
    refresh();
  };
  if (!status) return <p class="loading">{t('app.loading')}</p>;
  const { isPersistent, usageBytes, quotaBytes } = status;
  return (
    <section class="section" aria-labelledby="storage-title">
      <h3 id="storage-title">{t('settings.storage')}</h3>
      {isPersistent === true && <p class="notice notice-ok">{t('settings.persistent')}</p>}
      {isPersistent === false && (
        <div class="notice notice-error" role="alert">
          <p>{t('settings.notPersistent')}</p>
          <button type="button" class="button secondary" onClick={() => void ask()}>
            {t('settings.persistAsk')}
          </button>
        </div>
      )}
      {isPersistent === undefined && <p class="hint">{t('settings.persistUnknown')}</p>}
      <p>
        {usageBytes !== undefined && quotaBytes !== undefined
          ? t('settings.usage', { used: formatBytes(usageBytes, lang), quota: formatBytes(quotaBytes, lang) })
          : t('settings.usageUnknown')}
      </p>
    </section>
  );
}

export function SettingsScreen() {
  const { t } = useI18n();
  return (
    <section class="screen">
      <h2>{t('settings.title')}</h2>
      <LanguageChoice />
      <StorageInfo />
      <BackupSection />
      <EnrollSection />
    </section>
  );
}
