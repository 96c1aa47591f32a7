/**
 * Pengaturan's "Cadangan data": save the records the office has not received into one encrypted file,
 * or restore such a file from another phone. Loaded lazily with its crypto (not in the first paint).
 */
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { canEncrypt } from './rescue-backup';
import { RestoreBackupForm } from './RestoreBackupForm';
import { SaveBackupForm } from './SaveBackupForm';

type Open = 'none' | 'save' | 'restore';

export function BackupSection() {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>('none');
  const close = () => setOpen('none');
  return (
    <section class="section" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backup.title')}</h3>
      <p class="hint">{t('backup.intro')}</p>
      {!canEncrypt() && <p class="notice notice-error">{t('backup.needsHttps')}</p>}
      {open === 'save' && <SaveBackupForm onClose={close} />}
      {open === 'restore' && <RestoreBackupForm onClose={close} />}
      {open === 'none' && canEncrypt() && (
        <div class="actions">
          <button type="button" class="button secondary" onClick={() => setOpen('save')}>
            {t('backup.save')}
          </button>
          <button type="button" class="button secondary" onClick={() => setOpen('restore')}>
            {t('backup.restore')}
          </button>
        </div>
      )}
    </section>
  );
}
