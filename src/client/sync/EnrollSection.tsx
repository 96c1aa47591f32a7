/**
 * Enrolling the phone: the volunteer types the coordinator's code once, while online, or opens the
 * coordinator's link (shell/enroll-link.ts), which fills it in. Records saved before wait in the
 * outbox and go out right after. Shown in Settings; also to enroll again after the registry refused
 * the token (every record stays on the phone meanwhile).
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { forgetEnrollLink, linkedEnrollCode, onEnrollLink } from '../shell/enroll-link';
import type { SyncErrorCode } from './registry-client';
import { useSyncEngine, useSyncStatus } from './use-sync';

export function EnrollSection() {
  const { t } = useI18n();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const [code, setCode] = useState(() => linkedEnrollCode() ?? '');
  const [isFromLink, setFromLink] = useState(() => linkedEnrollCode() !== undefined);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<SyncErrorCode | undefined>();
  // A link opens the form even on an enrolled phone: the coordinator sent a new code.
  const [isFormOpen, setFormOpen] = useState(isFromLink);
  const isEnrolled = status.isEnrolled && !status.needsEnrollment;
  useEffect(
    () =>
      onEnrollLink((linked) => {
        setCode(linked);
        setFromLink(true);
        setFormOpen(true);
      }),
    [],
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await engine.enroll(code);
    setBusy(false);
    setError(result.ok ? undefined : result.code);
    if (result.ok) {
      forgetEnrollLink();
      setCode('');
      setFromLink(false);
      setFormOpen(false);
    }
  };

  return (
    <section class="section" aria-labelledby="enroll-title">
      <h3 id="enroll-title">{t('enroll.title')}</h3>
      {isEnrolled && <p class="notice notice-ok">{t('enroll.done')}</p>}
      {isEnrolled && !isFormOpen ? (
        <button type="button" class="button secondary" onClick={() => setFormOpen(true)}>
          {t('enroll.again')}
        </button>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <p class="hint">{t('enroll.hint')}</p>
          {isFromLink && <p class="notice notice-ok">{t('enroll.fromLink')}</p>}
          <label class="field">
            <span>{t('enroll.code')}</span>
            <input
              name="enrollCode"
              autocomplete="one-time-code"
              autocapitalize="characters"
              value={code}
              onInput={(e) => (setCode(e.currentTarget.value), setFromLink(false))}
              required
            />
          </label>
          {error && (
            <p class="notice notice-error" role="alert">
              {t(`sync.error.${error}`)}
            </p>
          )}
          <button type="submit" class="button primary" disabled={isBusy || code.trim() === ''}>
            {t(isBusy ? 'enroll.busy' : 'enroll.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
