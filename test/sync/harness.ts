/**
 * Set-up for the sync suites: a phone (fake-indexeddb database + engine) talking to a real registry
 * over loopback through a fetch wrapper that injects faults. The wrapper always calls the real fetch;
 * the faults are a request that never reaches the server, a response lost after the server committed,
 * a server restart during a request, and (for backoff tests) canned 5xx / 429 answers.
 */
import { openJaringDb, saveNewRegistration, updateRegistration, type JaringDb } from '../../src/client/db';
import { storeCredentials } from '../../src/client/sync/device-credentials';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../src/client/sync/sync-engine';
import type { RegistrationFields } from '../../src/shared/registration';
import { makeFields, NOW, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';

/** A base URL that exists nowhere: the wrapper maps it to the registry's current address. */
export const FAKE_BASE = 'http://registry.invalid';

/** Deterministic [0, 1) generator (mulberry32), so a failing fault pattern can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Faults {
  /** Share of requests dropped before they reach the server. */
  dropRequest?: number;
  /** Share of responses dropped after the server answered (and committed). */
  dropResponse?: number;
  /** Called with the 1-based number of each push; may restart the server meanwhile. */
  duringPush?: (n: number, forward: () => Promise<Response>) => Promise<Response>;
  /** A canned answer instead of the server's, for the n-th request (1-based); undefined = real. */
  cannedAnswer?: (n: number) => Response | undefined;
}

export interface FaultyFetch {
  fetch: typeof fetch;
  calls: { url: string; method: string; bodyBytes: number; recordCount: number }[];
  faults: Faults;
  /** How many requests or responses the wrapper dropped (a fault test must actually inject faults). */
  dropped: () => number;
}

export function faultyFetch(registry: TestRegistry, random: () => number, faults: Faults = {}): FaultyFetch {
  const calls: FaultyFetch['calls'] = [];
  let pushes = 0;
  let dropped = 0;
  const fetchWithFaults: typeof fetch = async (input, init) => {
    const url = String(input).replace(FAKE_BASE, registry.url);
    const body = typeof init?.body === 'string' ? init.body : '';
    const records = body ? ((JSON.parse(body) as { records?: unknown[] }).records?.length ?? 0) : 0;
    calls.push({
      url,
      method: init?.method ?? 'GET',
      bodyBytes: Buffer.byteLength(body),
      recordCount: records,
    });
    const canned = faults.cannedAnswer?.(calls.length);
    if (canned) return canned;
    if (random() < (faults.dropRequest ?? 0)) {
      dropped += 1;
      throw new TypeError('fetch failed (request dropped)');
    }
    const forward = () => fetch(url, init);
    const isPush = url.includes('/sync/push');
    const response =
      isPush && faults.duringPush ? await faults.duringPush(++pushes, forward) : await forward();
    if (random() < (faults.dropResponse ?? 0)) {
      await response.arrayBuffer(); // the server finished and committed; only the answer is lost
      dropped += 1;
      throw new TypeError('fetch failed (response dropped)');
    }
    return response;
  };
  return { fetch: fetchWithFaults, calls, faults, dropped: () => dropped };
}

export function freshPhoneDb(): JaringDb {
  return openJaringDb(`jaring-sync-${crypto.randomUUID()}`);
}

/** Engine options for tests: no real waiting between retries, the meta-lease lock, a short timeout. */
export function testEngine(
  db: JaringDb,
  fetchImpl: typeof fetch,
  extra: Partial<SyncEngineOptions> = {},
): SyncEngine {
  return createSyncEngine({
    db,
    baseUrl: FAKE_BASE,
    fetch: fetchImpl,
    now: () => Date.now(),
    random: Math.random,
    sleep: async () => undefined,
    locks: null,
    requestTimeoutMs: 5_000,
    ...extra,
  });
}

let personCounter = 1000 + Math.floor(Math.random() * 100_000);

/** A valid person no other test uses (the registry's NIK index is shared by the whole file). */
export function nextPerson(overrides: Partial<RegistrationFields> = {}): RegistrationFields {
  personCounter += 1;
  return makeFields({ ...uniquePerson(personCounter), ...overrides });
}

const ctx = (now: Date = new Date(NOW)) => ({ now, newId: () => crypto.randomUUID() });

export async function saveOne(db: JaringDb, fields: RegistrationFields = nextPerson()): Promise<string> {
  const result = await saveNewRegistration(db, fields, ctx());
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result.record.id;
}

export async function saveMany(db: JaringDb, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await saveOne(db));
  return ids;
}

/** Edits a record (a new version), keeping what `patch` does not change. */
export async function editRecord(
  db: JaringDb,
  id: string,
  patch: Partial<RegistrationFields>,
): Promise<number> {
  const record = await db.registrations.get(id);
  if (!record) throw new Error(`no record ${id}`);
  const result = await updateRegistration(db, id, { ...record, ...patch }, ctx());
  if (!result.ok) throw new Error(`edit failed: ${JSON.stringify(result)}`);
  return result.record.version;
}

export const editName = (db: JaringDb, id: string, fullName: string) => editRecord(db, id, { fullName });

/** Enrolls the phone through the engine (the real POST /api/v1/enroll). */
export async function enrollPhone(
  engine: SyncEngine,
  registry: TestRegistry,
  kelurahanKode?: string,
): Promise<string> {
  const result = await engine.enroll(await registry.newEnrollmentCode(kelurahanKode));
  if (!result.ok) throw new Error(`enroll failed: ${result.code}`);
  return result.deviceId;
}

/** Enrolls without syncing (the registry's helper + the engine's storage), so a test picks its engine. */
export async function enrollQuietly(db: JaringDb, registry: TestRegistry): Promise<string> {
  const { deviceId, token } = await registry.enroll();
  await storeCredentials(db, { deviceId, token, enrolledAt: new Date().toISOString() });
  return deviceId;
}

interface ServerRow {
  id: string;
  version: number;
  full_name: string;
  nik: string;
}

/** What the registry holds for one device, keyed by record id. */
export async function serverRowsOf(
  registry: TestRegistry,
  deviceId: string,
): Promise<Map<string, ServerRow>> {
  const rows = await registry.query<ServerRow>(
    `select id, version, full_name, nik from registrations where device_id = '${deviceId}'`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The end-to-end promise: the server holds exactly the phone's latest version of every record (same
 * ids, versions and names), no duplicates, and the outbox is empty.
 */
export async function expectConverged(db: JaringDb, registry: TestRegistry, deviceId: string) {
  const phone = await db.registrations.toArray();
  const server = await serverRowsOf(registry, deviceId);
  const outbox = await db.outbox.toArray();
  const mismatches = phone.filter((r) => {
    const row = server.get(r.id);
    return !row || row.version !== r.version || row.full_name !== r.fullName || r.syncState !== 'sent';
  });
  const [dupes] = await registry.query<{ n: number }>(
    'select count(*) - count(distinct nik) as n from registrations',
  );
  return {
    phone: phone.length,
    server: server.size,
    outbox: outbox.length,
    mismatches,
    duplicates: Number(dupes?.n),
  };
}
