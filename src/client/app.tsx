/**
 * The app shell: header (with the sync bar's slot), notices, the current screen and the bottom nav.
 * The register screen is in the first paint's bundle; the list, detail and settings screens load
 * on first use.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { RegistrationScreen } from './form/RegistrationScreen';
import {
  I18nContext,
  loadDictionary,
  loadLanguage,
  makeI18n,
  storeLanguage,
  useI18n,
  type Lang,
} from './i18n';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import { BottomNav } from './shell/BottomNav';
import { DbNotice } from './shell/DbNotice';
import { PlatformNotice } from './shell/PlatformNotice';
import { lazyScreen } from './shell/lazy-screen';
import { HREF, useHashRoute, type Route } from './shell/routes';
import { DbContext, ServicesContext, type AppServices } from './shell/services';
import { SyncBarSlot } from './sync/SyncBarSlot';
import type { JaringDb } from './db';

const RecordsScreen = lazyScreen(() => import('./records/RecordsScreen').then((m) => m.RecordsScreen));
const RecordDetail = lazyScreen(() => import('./records/RecordDetail').then((m) => m.RecordDetail));
const ReceiptScreen = lazyScreen(() => import('./receipt/ReceiptScreen').then((m) => m.ReceiptScreen));
const SettingsScreen = lazyScreen(() => import('./settings/SettingsScreen').then((m) => m.SettingsScreen));

function NotFound() {
  const { t } = useI18n();
  return (
    <section class="screen">
      <h2>{t('notFound.title')}</h2>
      <a class="button primary" href={HREF.register}>
        {t('nav.register')}
      </a>
    </section>
  );
}

/** The database once open; lazily loaded screens render only then. */
function useOpenDb(services: AppServices): JaringDb | undefined {
  const [db, setDb] = useState<JaringDb | undefined>();
  useEffect(() => {
    void services.getDb().then(setDb);
  }, [services]);
  return db;
}

function Screen({ route, isDbOpen }: { route: Route; isDbOpen: boolean }) {
  const { t } = useI18n();
  if (!isDbOpen && route.name !== 'register') return <p class="loading">{t('app.loading')}</p>;
  switch (route.name) {
    case 'register':
      return <RegistrationScreen />;
    case 'edit':
      return <RegistrationScreen key={route.id} recordId={route.id} />;
    case 'records':
      return <RecordsScreen />;
    case 'record':
      return <RecordDetail id={route.id} />;
    case 'receipt':
      return <ReceiptScreen id={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'not_found':
      return <NotFound />;
  }
}

function useLanguage() {
  const [lang, setLang] = useState<Lang>(loadLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return useMemo(
    () =>
      makeI18n(lang, (next) => {
        storeLanguage(next);
        // Switched once its dictionary is in; if it cannot load, the stored choice applies next start.
        void loadDictionary(next).then(
          () => setLang(next),
          () => undefined,
        );
      }),
    [lang],
  );
}

/** Another screen starts at its top, not at the scroll position the last one was left at. */
function useScrollTopOnScreenChange(route: Route): void {
  const screenKey = `${route.name}:${'id' in route ? route.id : ''}`;
  const previous = useRef(screenKey);
  useLayoutEffect(() => {
    if (previous.current !== screenKey) window.scrollTo?.(0, 0);
    previous.current = screenKey;
  }, [screenKey]);
}

export function App({ services }: { services: AppServices }) {
  const i18n = useLanguage();
  const route = useHashRoute();
  useScrollTopOnScreenChange(route);
  const db = useOpenDb(services);
  return (
    <ServicesContext.Provider value={services}>
      <DbContext.Provider value={db}>
        <I18nContext.Provider value={i18n}>
          <div class="app">
            <header class="app-header">
              <h1>
                {i18n.t('app.title')} <small>{i18n.t('app.tagline')}</small>
              </h1>
              <SyncBarSlot />
            </header>
            <PlatformNotice support={services.platform} origin={window.location.origin} />
            <DbNotice />
            <UpdatePrompt />
            <main class="app-main">
              <Screen route={route} isDbOpen={db !== undefined} />
            </main>
            <BottomNav route={route} />
          </div>
        </I18nContext.Provider>
      </DbContext.Provider>
    </ServicesContext.Provider>
  );
}
