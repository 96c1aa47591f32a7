/**
 * The explanation shown when the page cannot work offline (not a secure context, or no service
 * worker): one plain sentence for the volunteer and, folded away, the reason for the IT person.
 * Rendered in the first paint (the support is read synchronously at start), so it never pushes the
 * form down after the volunteer has started typing.
 */
import { useI18n } from '../i18n';
import { platformProblem, type PlatformSupport } from './platform-support';

export function PlatformNotice({
  support,
  origin,
}: {
  support: PlatformSupport | undefined;
  origin: string;
}) {
  const { t } = useI18n();
  const problem = support && platformProblem(support);
  if (!problem) return null;
  return (
    <section class="notice notice-warn platform-notice" role="alert" aria-labelledby="platform-notice-title">
      <p id="platform-notice-title">
        <strong>{t('platform.title')}</strong>
      </p>
      <p>{t(problem === 'insecure_context' ? 'platform.volunteer' : 'platform.volunteerNoWorker')}</p>
      <details class="platform-details">
        <summary>{t('platform.itSummary')}</summary>
        <p>{t(problem === 'insecure_context' ? 'platform.itInsecure' : 'platform.itNoWorker', { origin })}</p>
        <p>{t('platform.itGuide')}</p>
      </details>
    </section>
  );
}
