/** Tells the volunteer when the database connection was closed by a newer tab and a reload is needed. */
import { useEffect, useState } from 'preact/hooks';
import type { DbBlockedEvent } from '../db';
import { useI18n } from '../i18n';
import { loadStore } from './services';

export function DbNotice() {
  const { t } = useI18n();
  const [event, setEvent] = useState<DbBlockedEvent['kind'] | null>(null);
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let isMounted = true;
    void loadStore().then(({ onDbBlocked }) => {
      if (isMounted) unsubscribe = onDbBlocked((e) => setEvent(e.kind));
    });
    return () => {
      isMounted = false;
      unsubscribe?.();
    };
  }, []);
  if (!event) return null;
  return (
    <div class="notice notice-error" role="alert">
      <p>{t(`db.${event}`)}</p>
      {event !== 'blocked' && (
        <button type="button" class="button primary small" onClick={() => window.location.reload()}>
          {t('update.reload')}
        </button>
      )}
    </div>
  );
}
