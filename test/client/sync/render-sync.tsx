/** Renders sync components with a real engine over a fresh in-memory database and a fixed clock. */
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { openJaringDb, saveNewRegistration, setMeta, type JaringDb } from '../../../src/client/db';
import { I18nContext, makeI18n, type Lang } from '../../../src/client/i18n';
import { DbContext, ServicesContext, type AppServices } from '../../../src/client/shell/services';
import { storeCredentials } from '../../../src/client/sync/device-credentials';
import { createSyncEngine, type SyncEngine } from '../../../src/client/sync/sync-engine';
import { SyncEngineContext } from '../../../src/client/sync/use-sync';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';

export const NOW_MS = Date.parse(NOW);
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

let counter = 0;

export interface SyncFixture {
  db: JaringDb;
  engine: SyncEngine;
  fetchCalls: string[];
}

/** `answer` plays the network: return a Response, or throw as fetch does when offline. */
export function makeSyncFixture(
  answer: (url: string, init?: RequestInit) => Promise<Response> = () =>
    Promise.reject(new TypeError('offline')),
  /** An existing phone database (a reload); a fresh one by default. */
  db: JaringDb = openJaringDb(`sync-ui-${Date.now()}-${++counter}`),
): SyncFixture {
  const fetchCalls: string[] = [];
  const engine = createSyncEngine({
    db,
    baseUrl: 'http://registry.invalid',
    fetch: (input, init) => (fetchCalls.push(String(input)), answer(String(input), init)),
    now: () => NOW_MS,
    random: () => 0,
    // No automatic retries inside a UI test; "Sinkronkan sekarang" still cuts the wait short.
    sleep: (_ms, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    locks: null,
  });
  return { db, engine, fetchCalls };
}

export function renderWithSync(fixture: SyncFixture, ui: ComponentChildren, lang: Lang = 'id') {
  const services: AppServices = {
    getDb: () => Promise.resolve(fixture.db),
    now: () => new Date(NOW_MS),
    newId: () => crypto.randomUUID(),
  };
  return render(
    <ServicesContext.Provider value={services}>
      <DbContext.Provider value={fixture.db}>
        <I18nContext.Provider value={makeI18n(lang, () => undefined)}>
          <SyncEngineContext.Provider value={fixture.engine}>{ui}</SyncEngineContext.Provider>
        </I18nContext.Provider>
      </DbContext.Provider>
    </ServicesContext.Provider>,
  );
}

export async function enrollFixture(fixture: SyncFixture): Promise<void> {
  await storeCredentials(fixture.db, { deviceId: 'dev-1', token: 't'.repeat(43), enrolledAt: NOW });
}

export async function seedSaved(db: JaringDb, count: number, savedAt: string = NOW): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields = makeFields({ ...uniquePerson(), fullName: `Warga ${++counter}` });
    const result = await saveNewRegistration(db, fields, {
      now: new Date(savedAt),
      newId: () => crypto.randomUUID(),
    });
    if (!result.ok) throw new Error(`seed failed: ${result.reason}`);
    ids.push(result.record.id);
  }
  return ids;
}

export const setLastSuccess = (db: JaringDb, iso: string) => setMeta(db, 'sync.lastSuccessAt', iso);

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The registry accepting every pushed record and having no status changes to pull. */
export function registryAccepting(url: string, init?: RequestInit): Promise<Response> {
  if (url.includes('/api/v1/sync/pull')) {
    const pull = { protocolVersion: 1, changes: [], cursor: 'c1', hasMore: false, referenceVersion: 'r1' };
    return Promise.resolve(jsonResponse(200, pull));
  }
  const { records } = JSON.parse(String(init?.body)) as { records: { id: string; version: number }[] };
  const results = records.map(({ id, version }) => ({
    id,
    version,
    outcome: 'accepted',
    serverStatus: 'received',
  }));
  return Promise.resolve(jsonResponse(200, { protocolVersion: 1, results }));
}
