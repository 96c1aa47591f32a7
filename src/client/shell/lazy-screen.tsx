/**
 * A screen loaded on first use with a dynamic import, so its code stays out of the first paint's
 * JavaScript. The loaded module is cached: returning to the screen renders it at once. A load that
 * fails (a chunk missing after an interrupted update, say) says so and can be tried again; it never
 * leaves "Memuat…" on screen for good.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

/** Loads started and not yet finished, so that a test can end only once no chunk is still arriving. */
const inFlight = new Set<Promise<unknown>>();

/** Resolves once every load started so far has finished (failed ones included). */
export async function lazyLoadsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div class="loading" role="alert">
      <p>{t('app.loadFailed')}</p>
      <button type="button" onClick={onRetry}>
        {t('app.loadRetry')}
      </button>
    </div>
  );
}

/** `Fallback` shows while the code loads; by default "Memuat…". */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Fallback?: ComponentType,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const startLoad = () => {
    const attempt = load().then((component) => (loaded = component));
    // A failed attempt is forgotten, so the next mount or "Coba lagi" imports again.
    const settled: Promise<unknown> = attempt
      .catch(() => loading === attempt && (loading = undefined))
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
    return attempt;
  };
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failures, setFailures] = useState(0);
    const [hasFailed, setHasFailed] = useState(false);
    useEffect(() => {
      if (Screen || hasFailed) return;
      let isCurrent = true;
      loading ??= startLoad();
      loading.then(
        (component) => isCurrent && setScreen(() => component),
        () => isCurrent && setHasFailed(true),
      );
      return () => {
        isCurrent = false;
      };
    }, [Screen, hasFailed, failures]);
    if (Screen) return <Screen {...props} />;
    if (hasFailed) {
      const retry = () => (setHasFailed(false), setFailures((n) => n + 1));
      return <LoadFailed onRetry={retry} />;
    }
    return Fallback ? <Fallback /> : <p class="loading">{t('app.loading')}</p>;
  };
}
