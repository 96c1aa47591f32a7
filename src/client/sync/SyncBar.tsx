/**
 * The sync bar. One compact row stays in view (sticky): online or not, how many records wait, how many
 * KTP photos wait (a photo uploads after its record was accepted, so it may wait when no record does), when
 * the last sync succeeded ("5 menit lalu"), how far sending is, or that the phone is not enrolled, a
 * thin progress bar, and "Sinkronkan sekarang"; it keeps its height whatever it says. Below it, in
 * the page's flow (they scroll away, so they never cover the form): the last error, a refused token,
 * the "not sent for days" warning and the "perlu perhatian" list. Renders and calls hooks; the engine
 * does the work.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n';
import { HREF } from '../shell/routes';
import { AttentionList } from './AttentionList';
import { ClockWarning } from './ClockWarning';
import type { SyncErrorCode } from './registry-client';
import { formatTimeAgo } from './relative-time';
import { StaleDataWarning } from './StaleDataWarning';
import type { SyncStatus } from './status-store';
import { useNowMs, useSyncEngine, useSyncStatus } from './use-sync';

/** The CSS variable the page's scroll padding reads, so focus and scrolling never land under the row. */
const STICKY_HEIGHT_VAR = '--sync-bar-height';

/**
 * The row's second line: how far sending is (only while something is being sent: a run that only
 * pulls, e.g. a retry while offline or a status poll, leaves the line as it was), that the phone is not
 * enrolled yet, with the way to do it, how many KTP photos still wait, or when the last sync succeeded.
 * One line whatever it says, so the row never changes height. The photos have this line, not the
 * first: beside "Online · 3 menunggu" their count did not fit at 360 px and was cut by the ellipsis.
 */
function SyncLastLine({ status, nowMs }: { status: SyncStatus; nowMs: number }) {
  const { t, lang } = useI18n();
  const { lastSuccessAt, isRunning, progress } = status;
  if (isRunning && (progress?.total ?? 0) > 0) {
    return (
      <span class="sync-line sync-last">
        {t('sync.running', { done: progress?.done ?? 0, total: progress?.total ?? 0 })}
      </span>
    );
  }
  // Never enrolled means never synced: the line has nothing else to say.
  if (status.isStoredStatusRead && !status.isEnrolled && !lastSuccessAt) {
    return (
      <span class="sync-line sync-last">
        <a class="sync-enroll-link" href={HREF.settings}>
          {t('sync.notEnrolledShort')}
        </a>
      </span>
    );
  }
  if (status.waitingPhotos > 0) {
    return (
      <span class="sync-line sync-last sync-photos">
        {t('sync.photosWaiting', { count: status.waitingPhotos })}
      </span>
    );
  }
  return (
    <span class="sync-line sync-last">
      {lastSuccessAt
        ? t('sync.lastSuccess', { time: formatTimeAgo(lastSuccessAt, nowMs, lang) })
        : t('sync.neverSynced')}
    </span>
  );
}

function SyncSummary({ status, nowMs }: { status: SyncStatus; nowMs: number }) {
  const { t } = useI18n();
  const { isOnline, waiting } = status;
  return (
    <p class="sync-summary">
      <span class="sync-line">
        <span class={`sync-net ${isOnline ? 'is-online' : 'is-offline'}`}>
          {t(isOnline ? 'sync.online' : 'sync.offline')}
        </span>
        {' · '}
        <span class="sync-waiting">{t('sync.waiting', { count: waiting })}</span>
      </span>
      <SyncLastLine status={status} nowMs={nowMs} />
    </p>
  );
}

/** A thin bar along the row's bottom edge while sending; its numbers are in the summary's text. */
function SyncProgressBar({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const { done = 0, total = 0 } = status.progress ?? {};
  if (!status.isRunning || total === 0) return null;
  return (
    <progress
      class="sync-progress"
      max={total}
      value={done}
      aria-label={t('sync.running', { done, total })}
    />
  );
}

/**
 * The last error while it still says something true: until a success clears it (this tab's engine
 * clears it; another tab's run moves lastSuccessAt on, which this engine does not hear about as a run).
 * It stays while a retry runs: hiding it for each retry moved everything below it up and down.
 */
function useCurrentError(status: SyncStatus): SyncErrorCode | undefined {
  const successAtWhenShown = useRef<string | null>(null);
  if (!status.lastError) {
    successAtWhenShown.current = null;
    return undefined;
  }
  const successAt = status.lastSuccessAt ?? '';
  successAtWhenShown.current ??= successAt;
  return successAt === successAtWhenShown.current ? status.lastError : undefined;
}

/**
 * A refused token is explained with its way out (the enroll form in Settings). A phone not enrolled
 * yet is said in the row itself (SyncLastLine): a notice here came after the first paint and pushed the
 * form down.
 */
function EnrollmentPrompt({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  if (!status.needsEnrollment) return null;
  const text = t(`sync.error.${status.lastError === 'device_revoked' ? 'device_revoked' : 'unauthorized'}`);
  return (
    <p class="notice notice-warn sync-enroll" role="status">
      {text} <a href={HREF.settings}>{t('sync.openSettings')}</a>
    </p>
  );
}

/** Publishes the sticky row's height (it wraps on narrow screens or large fonts) to the page's CSS. */
function useStickyHeight() {
  const rowRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const row = rowRef.current;
    const root = document.documentElement;
    if (!row || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      root.style.setProperty(STICKY_HEIGHT_VAR, `${row.offsetHeight}px`),
    );
    observer.observe(row);
    return () => {
      observer.disconnect();
      root.style.removeProperty(STICKY_HEIGHT_VAR);
    };
  }, []);
  return rowRef;
}

export function SyncBar() {
  const { t } = useI18n();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const nowMs = useNowMs();
  const rowRef = useStickyHeight();
  const isEnrollmentShown = !status.isEnrolled || status.needsEnrollment;
  const error = useCurrentError(status);
  const errorKey = error && !isEnrollmentShown ? (`sync.error.${error}` as const) : undefined;
  return (
    <section class="sync-bar" aria-label={t('sync.title')}>
      <div class="sync-row" ref={rowRef}>
        <SyncSummary status={status} nowMs={nowMs} />
        <button
          type="button"
          class="button secondary sync-now"
          disabled={status.isRunning}
          onClick={() => engine.requestSync('manual')}
        >
          {t('sync.now')}
        </button>
        <SyncProgressBar status={status} />
      </div>
      <div class="sync-notices">
        {errorKey && (
          <p class="notice notice-warn sync-error" role="status">
            {t(errorKey satisfies MessageKey)}
          </p>
        )}
        <EnrollmentPrompt status={status} />
        <StaleDataWarning status={status} nowMs={nowMs} />
        <ClockWarning offsetS={status.clockOffsetS} nowMs={nowMs} />
        <AttentionList />
      </div>
    </section>
  );
}
