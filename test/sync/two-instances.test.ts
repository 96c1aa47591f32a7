/**
 * Scale-out: two registry processes (`src/server/main.ts`, as `npm start` runs it) on one PostgreSQL,
 * behind a round-robin balancer that sends each request to the other instance. Several phones (the real
 * sync engine on fake-indexeddb) push through it while the network drops requests and answers, and one
 * instance is killed with SIGKILL in the middle of a push, then started again. The promise still holds:
 * every record exactly once, every acknowledged record stored, the office's verdicts back on the phones.
 * Needs PostgreSQL (a throwaway cluster, or TEST_DATABASE_URL); skipped without it unless CI=true.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegistration, type JaringDb } from '../../src/client/db';
import { storeCredentials } from '../../src/client/sync/device-credentials';
import type { SyncEngine } from '../../src/client/sync/sync-engine';
import { openDatabase, type RegistryDb } from '../../src/server/db/connect';
import { createApiToken } from '../../src/server/services/api-tokens';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { createUser } from '../../src/server/services/users';
import type { PushResponse } from '../../src/shared/sync-protocol';
import { registryEngines, stopEngines } from '../helpers/engines';
import { startRegistryProcess, type RegistryProcess } from '../helpers/registry-process';
import { editName, FAKE_BASE, freshPhoneDb, saveMany, seededRandom, testEngine } from './harness';

const PHONES = 4;
const RECORDS_PER_PHONE = 40;
const DROP = 0.2;
/** The push (counted over all phones) during which the second instance is killed. */
const KILL_AT_PUSH = 6;

const postgres = registryEngines().find((engine) => engine.name === 'postgres')!;
afterAll(stopEngines);

interface Phone {
  db: JaringDb;
  engine: SyncEngine;
  deviceId: string;
}

interface Run {
  requests: number;
  dropped: number;
  pushes: number;
  refused: number;
  /** Pushes answered by the other instance while the killed one was down or starting. */
  answeredWhileOneDown: number;
  isOneDown: boolean;
  killed: Promise<void> | undefined;
  restarted: Promise<void> | undefined;
  /** `id@version` of every record an instance answered accepted or unchanged, and the phone heard. */
  acknowledged: Set<string>;
}

describe.runIf(postgres.isAvailable)('two registry instances on one PostgreSQL', () => {
  let store: RegistryDb;
  let instances: RegistryProcess[] = [];
  /** Made by the first test; the second pulls the office's verdicts onto them. */
  let phones: Phone[] = [];
  const run: Run = {
    requests: 0,
    dropped: 0,
    pushes: 0,
    refused: 0,
    answeredWhileOneDown: 0,
    isOneDown: false,
    killed: undefined,
    restarted: undefined,
    acknowledged: new Set(),
  };

  beforeAll(async () => {
    const databaseUrl = await postgres.newDatabaseUrl();
    store = await openDatabase(databaseUrl);
    instances = await Promise.all([startRegistryProcess(databaseUrl), startRegistryProcess(databaseUrl)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await store?.close();
  });

  /** Kills the instance a push is on its way to, and starts it again (which takes a few seconds). */
  function killDuring(target: RegistryProcess): void {
    run.isOneDown = true;
    run.killed = target.kill();
    run.restarted = run.killed.then(() => target.start()).finally(() => (run.isOneDown = false));
  }

  function noteAcknowledged(body: PushResponse): void {
    for (const result of body.results) {
      if (result.outcome === 'accepted' || result.outcome === 'unchanged')
        run.acknowledged.add(`${result.id}@${result.version}`);
    }
  }

  /** The load balancer and the lossy network: the next instance for every request, in turn. */
  const random = seededRandom(11);
  let turn = 0;
  const balancedFetch: typeof fetch = async (input, init) => {
    const target = instances[turn++ % instances.length]!;
    const url = String(input).replace(FAKE_BASE, target.url);
    run.requests += 1;
    if (random() < DROP) {
      run.dropped += 1;
      throw new TypeError('fetch failed (request dropped)');
    }
    const isPush = url.includes('/sync/push');
    const answer = fetch(url, init);
    if (isPush && ++run.pushes === KILL_AT_PUSH) killDuring(target); // while this push is on it
    let response: Response;
    try {
      response = await answer;
    } catch (error) {
      run.refused += 1; // the instance is down (or died answering): the phone retries, next time elsewhere
      throw error;
    }
    if (random() < DROP) {
      await response.arrayBuffer(); // the instance committed; the phone never hears back
      run.dropped += 1;
      throw new TypeError('fetch failed (response dropped)');
    }
    if (isPush && response.ok) {
      noteAcknowledged((await response.clone().json()) as PushResponse);
      if (run.isOneDown) run.answeredWhileOneDown += 1;
    }
    return response;
  };

  async function newPhone(): Promise<Phone> {
    const db = freshPhoneDb();
    const { code } = await createEnrollmentCode(store.db, new Date().toISOString(), 'test', { name: 'HP' });
    const res = await fetch(`${instances[0]!.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (res.status !== 201) throw new Error(`enroll: ${res.status} ${await res.text()}`);
    const { deviceId, token } = (await res.json()) as { deviceId: string; token: string };
    await storeCredentials(db, { deviceId, token, enrolledAt: new Date().toISOString() });
    const engine = testEngine(db, balancedFetch, {
      random: seededRandom(deviceId.charCodeAt(0)),
      limits: { maxRecords: 8 },
      // A little real waiting, so retries against a dead instance do not spin while it restarts.
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
    });
    return { db, engine, deviceId };
  }

  async function syncAll(phones: Phone[]): Promise<void> {
    for (const phone of phones) phone.engine.requestSync('manual');
    await Promise.all(phones.map((phone) => phone.engine.whenIdle()));
  }

  async function storedRows() {
    return store.db
      .selectFrom('registrations')
      .select(['id', 'version', 'full_name', 'nik', 'device_id'])
      .execute();
  }

  async function expectAcknowledgedStored(): Promise<void> {
    const stored = new Set((await storedRows()).map((row) => `${row.id}@${row.version}`));
    const versions = await store.db
      .selectFrom('registration_versions')
      .select(['registration_id', 'version'])
      .execute();
    const kept = new Set(versions.map((v) => `${v.registration_id}@${v.version}`));
    const missing = [...run.acknowledged].filter((key) => !stored.has(key) && !kept.has(key));
    expect(missing).toEqual([]);
  }

  it('keeps every record exactly once through drops and a kill -9 of one instance', async () => {
    phones = await Promise.all(Array.from({ length: PHONES }, () => newPhone()));
    const saved = await Promise.all(phones.map((phone) => saveMany(phone.db, RECORDS_PER_PHONE)));

    await syncAll(phones);
    expect(run.killed).toBeDefined();
    await run.restarted; // the phones did not wait for it: they went on through the other instance
    expect(instances[1]!.isUp()).toBe(true);
    await expectAcknowledgedStored();

    // Edits after the restart travel through both instances again.
    for (const [i, phone] of phones.entries()) {
      for (const id of saved[i]!.slice(0, 5)) await editName(phone.db, id, `Nama Diubah ${i}`);
    }
    await syncAll(phones);

    const rows = await storedRows();
    const onPhones = (await Promise.all(phones.map((p) => p.db.registrations.toArray()))).flat();
    expect(rows).toHaveLength(PHONES * RECORDS_PER_PHONE);
    expect(new Set(rows.map((row) => row.nik)).size).toBe(rows.length);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const mismatched = onPhones.filter((r) => {
      const row = byId.get(r.id);
      return !row || row.version !== r.version || row.full_name !== r.fullName || r.syncState !== 'sent';
    });
    expect(mismatched).toEqual([]);
    for (const phone of phones) expect(await phone.db.outbox.count()).toBe(0);
    // Every accepted version kept once: one row per version from 1 to the record's current one.
    const versions = await store.db.selectFrom('registration_versions').select('registration_id').execute();
    expect(versions).toHaveLength(onPhones.reduce((sum, r) => sum + r.version, 0));
    await expectAcknowledgedStored();
    expect(run.dropped).toBeGreaterThan(0);
    expect(run.refused).toBeGreaterThan(0);
  }, 180_000);

  it('brings the office’s verdicts back to the phones through either instance', async () => {
    const { token } = await createApiToken(store.db, new Date().toISOString(), {
      label: 'test',
      owner: 'test',
      role: 'admin',
    });
    const setStatus = async (instance: RegistryProcess, id: string, payload: object) => {
      const res = await fetch(`${instance.url}/api/v1/admin/registrations/${id}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      expect(res.status).toBe(200);
    };
    const rows = await storedRows();
    const verdicts = phones.map((phone) => {
      const [verified, rejected] = rows.filter((row) => row.device_id === phone.deviceId);
      return { phone, verified: verified!.id, rejected: rejected!.id };
    });
    for (const v of verdicts) {
      await setStatus(instances[0]!, v.verified, { status: 'verified' });
      await setStatus(instances[1]!, v.rejected, { status: 'rejected', reason: 'Foto KTP buram' });
    }
    await syncAll(phones);
    for (const { phone, verified, rejected } of verdicts) {
      expect(await getRegistration(phone.db, verified)).toMatchObject({ syncState: 'verified' });
      expect(await getRegistration(phone.db, rejected)).toMatchObject({
        syncState: 'needs_fix',
        serverReason: 'Foto KTP buram',
      });
    }
  }, 120_000);

  it('keeps an officer signed in on either instance, and signed out on both once out on one', async () => {
    const password = 'Verifikasi-dua-mesin-2026';
    await createUser(store.db, new Date().toISOString(), 'test', {
      username: 'verif.dua',
      role: 'verifikator',
      kelurahan: [],
      password,
    });
    const [a, b] = instances as [RegistryProcess, RegistryProcess];
    const signIn = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: a.url, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'verif.dua', password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = (instance: RegistryProcess) =>
      fetch(`${instance.url}/api/v1/auth/me`, { headers: { cookie } });
    // The session lives in the database: the other instance knows it.
    const onB = await me(b);
    expect(onB.status).toBe(200);
    expect(await onB.json()).toMatchObject({ username: 'verif.dua', role: 'verifikator' });
    const signOut = await fetch(`${b.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { origin: b.url, cookie },
    });
    expect(signOut.status).toBeLessThan(300);
    expect((await me(a)).status).toBe(401);
  }, 60_000);
});
