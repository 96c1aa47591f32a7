/**
 * The warning when records wait and nothing has been sent for 3 days or more: browsers may clear the
 * storage of sites that go unused, and unsent records exist nowhere else.
 */
import { useI18n } from '../i18n';
import { daysBetween } from './relative-time';
import type { SyncStatus } from './status-store';

export const STALE_AFTER_DAYS = 3;

/** Days since something was last sent (or, never sent, since the oldest waiting record was saved). */
export function daysWithoutSending(status: SyncStatus, nowMs: number): number | undefined {
  if (status.waiting === 0) return undefined;
  const since = status.lastSuccessAt ?? status.oldestWaitingSince;
  return since ? daysBetween(since, nowMs) : undefined;
}

export function StaleDataWarning({ status, nowMs }: { status: SyncStatus; nowMs: number }) {
  const { t } = useI18n();
  const days = daysWithoutSending(status, nowMs);
  if (days === undefined || days < STALE_AFTER_DAYS) return null;
  return (
    <p class="notice notice-error sync-stale" role="alert">
      {t('sync.staleWarning', { days })}
    </p>
  );
}
