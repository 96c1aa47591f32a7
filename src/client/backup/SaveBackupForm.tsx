/**
 * "Simpan cadangan": the passphrase typed twice, then the file made and shared (Web Share with files)
 * or downloaded. The passphrase lives in this form's state only and is dropped once the file is made.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BackupActions, PassphraseField } from './backup-fields';
import { useI18n } from '../i18n';
import { useDb, useServices } from '../shell/services';
import { canShareFiles, shareOrSave } from '../shell/share-file';
import { MIN_PASSPHRASE_LENGTH } from './backup-file';
import { makeBackup } from './rescue-backup';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; count: number; photos: number; name: string; how: 'shared' | 'saved' }
  | { kind: 'empty' }
  | { kind: 'failed' };

function passphraseProblem(
  first: string,
  second: string,
): 'backup.passphraseShort' | 'backup.passphraseMismatch' | undefined {
  if (first.length < MIN_PASSPHRASE_LENGTH) return 'backup.passphraseShort';
  return first === second ? undefined : 'backup.passphraseMismatch';
}

function SaveResult({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if (outcome.kind === 'done') {
    const key = outcome.how === 'shared' ? 'backup.sharedDone' : 'backup.saved';
    const photos = outcome.photos > 0 ? t('backup.withPhotos', { count: outcome.photos }) : '';
    return <p class="notice notice-ok">{t(key, { count: outcome.count, name: outcome.name, photos })}</p>;
  }
  if (outcome.kind === 'empty') return <p class="notice notice-ok">{t('backup.empty')}</p>;
  if (outcome.kind === 'failed') return <p class="notice notice-error">{t('backup.saveFailed')}</p>;
  return null;
}

export function SaveBackupForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const db = useDb();
  const { now } = useServices();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [isChecked, setChecked] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const resultRef = useRef<HTMLDivElement>(null);
  // The result shows above the buttons; on a small screen it may still be below the fold.
  useEffect(() => {
    resultRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);
  const problem = passphraseProblem(first, second);
  const canShare = canShareFiles();

  const submit = async (event: Event) => {
    event.preventDefault();
    setChecked(true);
    if (problem) return;
    setOutcome({ kind: 'working' });
    try {
      const backup = await makeBackup(db, first, now());
      if (backup.records === 0) return setOutcome({ kind: 'empty' });
      const how = await shareOrSave(backup.file, t('backup.title'), canShare);
      setFirst('');
      setSecond('');
      setChecked(false);
      setOutcome({ kind: 'done', count: backup.records, photos: backup.photos, name: backup.file.name, how });
    } catch {
      setOutcome({ kind: 'failed' });
    }
  };
  const isWorking = outcome.kind === 'working';
  const showProblem = isChecked && problem !== undefined;
  return (
    <form class="backup-form" aria-labelledby="backup-save-title" onSubmit={(e) => void submit(e)} noValidate>
      <h4 id="backup-save-title">{t('backup.save')}</h4>
      <PassphraseField
        id="backup-pass-1"
        label="backup.passphrase"
        autocomplete="new-password"
        isInvalid={showProblem && problem === 'backup.passphraseShort'}
        value={first}
        onInput={setFirst}
        hint={t('backup.passphraseHint')}
      />
      <PassphraseField
        id="backup-pass-2"
        label="backup.passphraseAgain"
        autocomplete="new-password"
        isInvalid={showProblem && problem === 'backup.passphraseMismatch'}
        value={second}
        onInput={setSecond}
      />
      {showProblem && (
        <p class="notice notice-error" role="alert">
          {t(problem)}
        </p>
      )}
      <div role="status" ref={resultRef}>
        <SaveResult outcome={outcome} />
      </div>
      <BackupActions
        submit={t(isWorking ? 'backup.working' : canShare ? 'backup.share' : 'backup.make')}
        isWorking={isWorking}
        onClose={onClose}
      />
    </form>
  );
}
