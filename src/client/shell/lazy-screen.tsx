/**
 * A screen loaded on first use with a dynamic import, so its code stays out of the first paint's
 * JavaScript. The loaded module is cached: returning to the screen renders it at once.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

/** `Fallback` shows while the code loads; by default "Memuat…". */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Fallback?: ComponentType,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Screen) return;
      let isCurrent = true;
      loading ??= load().then((component) => (loaded = component));
      void loading.then((component) => isCurrent && setScreen(() => component));
      return () => {
        isCurrent = false;
      };
    }, [Screen]);
    if (Screen) return <Screen {...props} />;
    return Fallback ? <Fallback /> : <p class="loading">{t('app.loading')}</p>;
  };
}
