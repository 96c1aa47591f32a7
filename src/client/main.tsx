/**
 * Entry point: renders the app (the database's code loads right after, see shell/services.ts), then — once the page has painted — registers
 * the service worker (its code is a separate chunk, not part of the first paint).
 */
import { render } from 'preact';
import { App } from './app';
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

render(<App services={services} />, document.getElementById('app')!);

if (import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void import('./pwa/register-sw').then((m) => m.registerServiceWorker());
  });
}
