/** "A new version is available — Reload": shown while a new service worker waits. Never reloads by itself. */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { applyUpdate, useUpdateOffer } from './update-offer';

export function UpdatePrompt() {
  const { t } = useI18n();
  const isOffered = useUpdateOffer();
  const [isDismissed, setDismissed] = useState(false);
  const [isApplying, setApplying] = useState(false);
  if (!isOffered || isDismissed) return null;
  const reload = async () => {
    setApplying(true);
    await applyUpdate();
  };
  return (
    <div class="update-prompt" role="status">
      <p>{t('update.available')}</p>
      <button type="button" class="button primary small" disabled={isApplying} onClick={() => void reload()}>
        {t('update.reload')}
      </button>
      <button type="button" class="button secondary small" onClick={() => setDismissed(true)}>
        {t('update.later')}
      </button>
    </div>
  );
}
