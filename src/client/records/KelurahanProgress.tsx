/**
 * The phone's kelurahan figures from the registry, e.g. "Dinoyo: 412 dari 1.200 — 68 lagi menuju 40%",
 * with when they were received. Read from `meta` (kept by the last pull), so offline it shows the last
 * known figures. The box keeps one size whatever it says (reserved in CSS), so nothing below it moves
 * when the figures arrive.
 */
import { findKelurahan } from '../../shared/reference';
import { useI18n, type Lang, type Translate } from '../i18n';
import {
  loadKelurahanProgress,
  loadLastSuccessAt,
  type StoredKelurahanProgress,
} from '../sync/device-credentials';
import { formatTimeAgo } from '../sync/relative-time';
import { useNowMs } from '../sync/use-sync';
import { useDb } from '../shell/services';
import { useLive } from './use-live';
import { formatCount } from '../../shared/format';

/** The headline: how far, and how many more reach the target (or that it is reached). */
export function progressLine(figures: StoredKelurahanProgress, t: Translate, lang: Lang): string {
  const params = {
    kelurahan: findKelurahan(figures.kelurahanKode)?.nama ?? figures.kelurahanKode,
    registered: formatCount(figures.registered, lang),
    estimated: formatCount(figures.estimatedWorkers, lang),
    toTarget: formatCount(figures.toTarget, lang),
    percent: formatCount(figures.targetPercent, lang),
  };
  if (figures.estimatedWorkers === 0) return t('progress.noTarget', params);
  return t(figures.toTarget > 0 ? 'progress.line' : 'progress.reached', params);
}

export function KelurahanProgress() {
  const db = useDb();
  const { t, lang } = useI18n();
  const nowMs = useNowMs();
  // null once read and empty: the figures come with the first sync — or never, for a phone that has
  // synced and got none (enrolled for no one kelurahan): the box says which.
  const stored = useLive(async () => {
    const [progress, lastSuccessAt] = await Promise.all([loadKelurahanProgress(db), loadLastSuccessAt(db)]);
    return { figures: progress ?? null, hasSynced: lastSuccessAt !== undefined };
  }, [db]);
  const figures = stored?.figures;
  const ratio =
    figures && figures.targetPeople > 0 ? Math.min(1, figures.registered / figures.targetPeople) : 0;
  return (
    <section class="kelurahan-progress" aria-label={t('progress.title')} aria-live="polite">
      {figures && (
        <>
          <p class="progress-line">{progressLine(figures, t, lang)}</p>
          <div class="progress-track" aria-hidden="true">
            <div class="progress-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
          </div>
          <p class="progress-updated">
            {t('progress.updated', { time: formatTimeAgo(figures.receivedAt, nowMs, lang) })}
          </p>
        </>
      )}
      {figures === null && (
        <p class="progress-none">{t(stored?.hasSynced ? 'progress.noKelurahan' : 'progress.none')}</p>
      )}
    </section>
  );
}
