/**
 * A phone (fresh fake-indexeddb database, a real sync engine with a movable clock) enrolled at a real
 * in-process registry over loopback. The page's location is the registry's origin, so the engine's
 * fetches are same-origin as in the app. `offline` makes every request fail as fetch does without signal.
 */
import { configure, render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { vi } from 'vitest';
import { openJaringDb, saveNewRegistration, type JaringDb } from '../../../src/client/db';
import { I18nContext, makeI18n, type Lang } from '../../../src/client/i18n';
import { DbContext, ServicesContext, type AppServices } from '../../../src/client/shell/services';
import { createSyncEngine, type SyncEngine } from '../../../src/client/sync/sync-engine';
import { SyncEngineContext } from '../../../src/client/sync/use-sync';
import type { RegistrationFields } from '../../../src/shared/registration';
import { NOW } from '../../fixtures/registrations';
import { startRegistry, type TestRegistry } from '../../helpers/registry';

configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

export interface PhoneAtRegistry {
  registry: TestRegistry;
  db: JaringDb;
  engine: SyncEngine;
  clock: { ms: number };
  network: { isOffline: boolean };
}

let counter = 0;

export async function startRegistryForPhones(): Promise<TestRegistry> {
  const registry = await startRegistry();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${registry.url}/`);
  return registry;
}

/** The app on `db` (as after a reload: whatever the database holds), talking to `registry`. */
export function phoneOn(registry: TestRegistry, db: JaringDb): PhoneAtRegistry {
  const clock = { ms: Date.parse(NOW) };
  const network = { isOffline: false };
  const engine = createSyncEngine({
    db,
    baseUrl: registry.url,
    fetch: (input, init) =>
      network.isOffline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init),
    now: () => clock.ms,
    random: () => 0,
    // No automatic retries inside a UI test: each run is started by the test or a trigger.
    sleep: (_ms, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    locks: null,
  });
  return { registry, db, engine, clock, network };
}

/** A new phone enrolled at `registry` for `kelurahanKode` (none when undefined). */
export async function enrolledPhone(
  registry: TestRegistry,
  kelurahanKode?: string,
): Promise<PhoneAtRegistry> {
  const phone = phoneOn(registry, openJaringDb(`phone-${Date.now()}-${++counter}`));
  const enrolled = await phone.engine.enroll(await registry.newEnrollmentCode(kelurahanKode));
  if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.code}`);
  await phone.engine.whenIdle();
  return phone;
}

/** Renders `ui` as the app would for this phone: its database, its engine, its clock, a language. */
export function renderOnPhone(phone: PhoneAtRegistry, ui: ComponentChildren, lang: Lang = 'id') {
  const services: AppServices = {
    getDb: () => Promise.resolve(phone.db),
    now: () => new Date(phone.clock.ms),
    newId: () => crypto.randomUUID(),
  };
  return render(
    <ServicesContext.Provider value={services}>
      <DbContext.Provider value={phone.db}>
        <I18nContext.Provider value={makeI18n(lang, () => undefined)}>
          <SyncEngineContext.Provider value={phone.engine}>{ui}</SyncEngineContext.Provider>
        </I18nContext.Provider>
      </DbContext.Provider>
    </ServicesContext.Provider>,
  );
}

/** Saves `fields` on the phone as the form would, and sends it: the registry holds version 1. */
export async function savedAndSent(phone: PhoneAtRegistry, fields: RegistrationFields): Promise<string> {
  const saved = await saveNewRegistration(phone.db, fields, {
    now: new Date(phone.clock.ms),
    newId: () => crypto.randomUUID(),
  });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  const outcome = await phone.engine.syncOnce();
  if (outcome.kind !== 'synced' || outcome.pushed !== 1) throw new Error(`send: ${JSON.stringify(outcome)}`);
  return saved.record.id;
}
