/**
 * The steady notice when this phone's clock is more than 10 minutes off the registry's: every time the
 * phone records (registration date, consent) comes from that clock. Shows both times so the volunteer
 * can see which is right; stays while the offset lasts (it is kept in meta, so across reloads too).
 */
import { describeOffset, isClockOff } from '../../shared/clock-offset';
import { useI18n } from '../i18n';
import { formatMoment } from '../../shared/format';

export function ClockWarning({ offsetS, nowMs }: { offsetS: number | undefined; nowMs: number }) {
  const { t, lang } = useI18n();
  if (!isClockOff(offsetS)) return null;
  const params = {
    diff: describeOffset(offsetS, lang),
    phone: formatMoment(nowMs, lang),
    registry: formatMoment(nowMs - offsetS * 1000, lang),
  };
  return (
    <p class="notice notice-error sync-clock" role="alert">
      {t(offsetS > 0 ? 'sync.clockAhead' : 'sync.clockBehind', params)} {t('sync.clockHow')}
    </p>
  );
}
