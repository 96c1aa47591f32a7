/**
 * The sync bar, always in view: online or not, how many records wait, when the last sync succeeded
 * ("5 menit lalu"), a progress bar while sending, the last error in plain words, and "Sinkronkan
 * sekarang". Below it, when needed: the enrollment prompt, the "not sent for days" warning and the
 * "perlu perhatian" list. Renders and calls hooks; the engine does the work.
 */
import { useI18n, type MessageKey } from '../i18n';
import { HREF } from '../shell/routes';
import { AttentionList } from './AttentionList';
import { formatTimeAgo } from './relative-time';
import { StaleDataWarning } from './StaleDataWarning';
import type { SyncStatus } from './status-store';
import { useNowMs, useSyncEngine, useSyncStatus } from './use-sync';

function SyncSummary({ status, nowMs }: { status: SyncStatus; nowMs: number }) {
  const { t, lang } = useI18n();
  const { isOnline, waiting, lastSuccessAt } = status;
  return (
    <p class="sync-summary">
      <span class={`sync-net ${isOnline ? 'is-online' : 'is-offline'}`}>
        {t(isOnline ? 'sync.online' : 'sync.offline')}
      </span>
      <span class="sync-waiting">
        {waiting > 0 ? t('sync.waiting', { count: waiting }) : t('sync.allSent')}
      </span>
      <span class="sync-last">
        {lastSuccessAt
          ? t('sync.lastSuccess', { time: formatTimeAgo(lastSuccessAt, nowMs, lang) })
          : t('sync.neverSynced')}
      </span>
    </p>
  );
}

function SyncProgressBar({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  if (!status.isRunning) return null;
  const { done = 0, total = 0 } = status.progress ?? {};
  const label = t('sync.running', { done, total });
  return (
    <div class="sync-progress">
      {total > 0 ? <progress max={total} value={done} aria-label={label} /> : <progress aria-label={label} />}
      <span>{label}</span>
    </div>
  );
}

/** An enrollment problem is shown with its way out (the enroll form in Settings). */
function EnrollmentPrompt({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  if (status.isEnrolled && !status.needsEnrollment) return null;
  const text = status.needsEnrollment
    ? t(`sync.error.${status.lastError === 'device_revoked' ? 'device_revoked' : 'unauthorized'}`)
    : t('sync.notEnrolled');
  return (
    <p class="notice notice-warn sync-enroll" role="status">
      {text} <a href={HREF.settings}>{t('sync.openSettings')}</a>
    </p>
  );
}

export function SyncBar() {
  const { t } = useI18n();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const nowMs = useNowMs();
  const isEnrollmentShown = !status.isEnrolled || status.needsEnrollment;
  const errorKey =
    status.lastError && !isEnrollmentShown ? (`sync.error.${status.lastError}` as const) : undefined;
  return (
    <section class="sync-bar" aria-label={t('sync.now')}>
      <div class="sync-row">
        <SyncSummary status={status} nowMs={nowMs} />
        <button
          type="button"
          class="button secondary sync-now"
          disabled={status.isRunning}
          onClick={() => engine.requestSync('manual')}
        >
          {t('sync.now')}
        </button>
      </div>
      <SyncProgressBar status={status} />
      {errorKey && (
        <p class="sync-error" role="status">
          {t(errorKey satisfies MessageKey)}
        </p>
      )}
      <EnrollmentPrompt status={status} />
      <StaleDataWarning status={status} nowMs={nowMs} />
      <AttentionList />
    </section>
  );
}
