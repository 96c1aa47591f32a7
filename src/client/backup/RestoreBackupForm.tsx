/**
 * "Pulihkan cadangan": choose the .jaring file, type its passphrase, and every record in it that this
 * phone does not hold yet goes into the outbox (one transaction: all of them or none). The result says
 * how many were restored and how many were already here; a refusal says why, and that nothing changed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BackupActions, PassphraseField } from './backup-fields';
import { findKelurahan } from '../../shared/reference';
import { useI18n, type Translate } from '../i18n';
import { useDb, useServices } from '../shell/services';
import { requestSync } from '../sync/request-sync';
import { restoreBackup, type RestoreOutcome } from './rescue-backup';

type Shown = RestoreOutcome | { ok: false; reason: 'no_file' } | undefined;

function kelurahanName(kode: string | null | undefined, t: Translate): string {
  if (!kode) return t('backup.cityWide');
  return findKelurahan(kode)?.nama ?? kode;
}

function RestoreResult({ shown }: { shown: Shown }) {
  const { t } = useI18n();
  if (!shown) return null;
  if (shown.ok) {
    return (
      <div class="notice notice-ok">
        <p>
          <strong>{t('backup.restored', { restored: shown.restored, already: shown.alreadyHere })}</strong>
        </p>
        <p>{t('backup.restoredNote')}</p>
      </div>
    );
  }
  if (shown.reason === 'no_file') return <p class="notice notice-error">{t('backup.noFile')}</p>;
  const names =
    'backupKelurahan' in shown
      ? { backup: kelurahanName(shown.backupKelurahan, t), phone: kelurahanName(shown.phoneKelurahan, t) }
      : undefined;
  return <p class="notice notice-error">{t(`backup.error.${shown.reason}`, names)}</p>;
}

export function RestoreBackupForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const db = useDb();
  const { now } = useServices();
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [isWorking, setWorking] = useState(false);
  const [shown, setShown] = useState<Shown>();
  const resultRef = useRef<HTMLDivElement>(null);
  // The result shows above the buttons; on a small screen it may still be below the fold.
  useEffect(() => {
    resultRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return setShown({ ok: false, reason: 'no_file' });
    setWorking(true);
    // A file that cannot be read (removed from the phone meanwhile) is as good as a damaged one.
    const outcome = await file
      .arrayBuffer()
      .then((buffer) => restoreBackup(db, new Uint8Array(buffer), passphrase, now()))
      .catch((): RestoreOutcome => ({ ok: false, reason: 'damaged' }));
    setWorking(false);
    setShown(outcome);
    if (outcome.ok) {
      setPassphrase('');
      if (outcome.restored > 0) requestSync('save'); // after the commit: the outbox entries are on disk
    }
  };
  return (
    <form
      class="backup-form"
      aria-labelledby="backup-restore-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h4 id="backup-restore-title">{t('backup.restore')}</h4>
      <div class="field">
        <label for="backup-file">{t('backup.file')}</label>
        <input
          id="backup-file"
          type="file"
          onChange={(e) => (setFile(e.currentTarget.files?.[0]), setShown(undefined))}
        />
      </div>
      <PassphraseField
        id="backup-pass"
        label="backup.passphrase"
        autocomplete="off"
        value={passphrase}
        onInput={setPassphrase}
      />
      <div role="status" ref={resultRef}>
        <RestoreResult shown={shown} />
      </div>
      <BackupActions
        submit={t(isWorking ? 'backup.restoring' : 'backup.restoreSubmit')}
        isWorking={isWorking}
        onClose={onClose}
      />
    </form>
  );
}
