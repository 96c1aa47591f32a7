/**
 * Entry point: renders the app (the database's code loads right after, see shell/services.ts), then — once the page has painted — registers
 * the service worker (its code is a separate chunk, not part of the first paint).
 */
import { render } from 'preact';
import { App } from './app';
import { loadDictionary, loadLanguage } from './i18n';
import type { JaringDb } from './db';
import { newRecordId } from './record-id';
import { readPlatformSupport } from './shell/platform-support';
import { loadStore, type AppServices } from './shell/services';
import './styles.css';

let opening: Promise<JaringDb> | undefined;

const services: AppServices = {
  getDb: () => (opening ??= loadStore().then((store) => store.openJaringDb())),
  now: () => new Date(),
  newId: newRecordId,
  platform: readPlatformSupport(window),
};

// A phone set to English renders once its dictionary is in (precached: a few ms); should the chunk
// fail to load, the app still renders, in Indonesian, rather than not at all.
void loadDictionary(loadLanguage())
  .catch(() => undefined)
  .then(() => render(<App services={services} />, document.getElementById('app')!));

if (import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void import('./pwa/register-sw').then((m) => m.registerServiceWorker());
  });
}
