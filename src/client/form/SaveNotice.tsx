/** What happened on the last save attempt, said plainly, with a link where one helps. */
import type { StorageErrorCode } from '../db';
import { useI18n } from '../i18n';
import { HREF } from '../shell/routes';

export type SaveOutcome =
  | { kind: 'saved'; id: string; name: string }
  | { kind: 'errors'; count: number }
  | { kind: 'confirm' }
  | { kind: 'duplicate'; id: string; name: string }
  | { kind: 'not_found' }
  | { kind: 'storage'; code: StorageErrorCode }
  /** Something threw that no typed result covers: the save did not happen, the form keeps its values. */
  | { kind: 'failed' };

export function SaveNotice({ outcome }: { outcome: SaveOutcome }) {
  const { t } = useI18n();
  switch (outcome.kind) {
    case 'saved':
      return (
        <div class="notice notice-ok" role="status">
          <p>{t('form.saved', { name: outcome.name })}</p>
          <a href={HREF.record(outcome.id)}>{t('form.savedView')}</a>
        </div>
      );
    case 'duplicate':
      return (
        <div class="notice notice-error" role="alert">
          <p>{t('form.duplicate', { name: outcome.name })}</p>
          <a href={HREF.record(outcome.id)}>{t('form.duplicateOpen', { name: outcome.name })}</a>
        </div>
      );
    case 'errors':
      return <Alert text={t('form.hasErrors', { count: outcome.count })} />;
    case 'confirm':
      return <Alert text={t('form.needsConfirm')} />;
    case 'not_found':
      return <Alert text={t('form.notFound')} />;
    case 'storage':
      return <Alert text={t(`form.storage.${outcome.code}`)} />;
    case 'failed':
      return <Alert text={t('form.failed')} />;
  }
}

function Alert({ text }: { text: string }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>{text}</p>
    </div>
  );
}
