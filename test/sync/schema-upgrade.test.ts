/**
 * A phone that ran the app with schema v1, v2, v3 or v5 updates to the current one (v2: `[state+enqueuedAt]`
 * on the outbox; v3: `&nikHash` on registrations, the NIK's SHA-256 added to every record; v4: the
 * `photos` table; v5: `*searchKeys` instead of `*nameWords`, the keys added to every record; v6: the
 * `claims` table, one row per push in flight instead of a write on each claimed entry): every
 * record, outbox entry (pending, claimed by a tab that died, parked), draft and meta row is still there
 * afterwards, unchanged but for the hash and the keys, the queue drains to the registry as before, a
 * KTP photo taken after the update reaches the registry, and a search finds what it found before,
 * slimmed records too.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeOutboxEntry,
  openJaringDb,
  saveNewRegistration,
  searchRegistrations,
  type OutboxEntry,
  type PhoneRecord,
  type StoredRegistration,
} from '../../src/client/db';
import { searchKeysOf } from '../../src/client/db/search-keys';
import { slimmed } from '../../src/client/db/slim';
import { isoDateOf } from '../../src/shared/dates';
import { sha256Hex } from '../../src/shared/sha256';
import { nameSearchWords } from '../../src/shared/text';
import { takenPhoto } from '../fixtures/photos';
import { makeRegistration } from '../fixtures/registrations';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollPhone, expectConverged, faultyFetch, nextPerson, testEngine } from './harness';

/** Schema v1 exactly as released (a copy: the app's own definition may only ever grow). */
const SCHEMA_V1 = {
  registrations:
    'id, &nik, kelurahanKode, syncState, updatedAt, *nameWords, createdDay, ' +
    '[kelurahanKode+syncState], [kelurahanKode+updatedAt], [syncState+updatedAt]',
  drafts: 'id, updatedAt',
  outbox: 'recordId, state, leaseUntil, enqueuedAt',
  meta: 'key',
};

/** Schema v2 exactly as released. */
const SCHEMA_V2 = {
  registrations:
    'id, &nik, updatedAt, *nameWords, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
  outbox: 'recordId, [state+enqueuedAt]',
};

/** Schema v3 exactly as released. */
const SCHEMA_V3 = {
  registrations:
    'id, &nik, &nikHash, updatedAt, *nameWords, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
};

/** Schema v4 exactly as released. */
const SCHEMA_V4 = { photos: 'id, recordId, [state+takenAt]' };

/** Schema v5 exactly as released. */
const SCHEMA_V5 = {
  registrations:
    'id, &nik, &nikHash, updatedAt, *searchKeys, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
};

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

function storedRecord(minute: number): StoredRegistration {
  const updatedAt = new Date(Date.UTC(2026, 0, 5, 8, minute)).toISOString();
  const base = makeRegistration({ ...nextPerson(), createdAt: updatedAt, updatedAt });
  return {
    ...base,
    kelurahanKode: base.address.kelurahanKode,
    nameWords: nameSearchWords(base.fullName),
    createdDay: isoDateOf(new Date(updatedAt)),
    syncState: 'pending',
  };
}

type OldVersion = 1 | 2 | 3 | 5;

/** The record as an app with schema `version` wrote it: the NIK's hash from v3, the search keys from v5. */
function writtenBy(version: OldVersion, r: StoredRegistration): StoredRegistration {
  if (version < 3) return r;
  const hashed = { ...r, nikHash: sha256Hex(r.nik) };
  return version < 5 ? hashed : { ...hashed, searchKeys: searchKeysOf(hashed) };
}

/** Writes a v1, v2, v3 or v5 database the way the old app left it, and returns what it wrote. */
async function writeOldDatabase(name: string, version: OldVersion) {
  const hashed = (r: StoredRegistration) => writtenBy(version, r);
  const records = Array.from({ length: 12 }, (_, i) => hashed(storedRecord(i)));
  records[11] = { ...records[11]!, syncState: 'duplicate' };
  const entries: OutboxEntry[] = records.map((record, i) => {
    const entry = makeOutboxEntry(record);
    if (i === 11) return { ...entry, state: 'parked', attempts: 1 };
    // Records 8-10 were claimed by a tab that closed mid-push; their lease ran out long ago.
    return i >= 8 ? { ...entry, state: 'claimed', leaseUntil: Date.now() - 120_000, attempts: 1 } : entry;
  });
  const drafts = [{ id: 'new', values: { fullName: 'Setengah Ketik' }, updatedAt: records[0]!.updatedAt }];
  const meta = [{ key: 'some.setting', value: { kept: true } }];
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  if (version >= 2) old.version(2).stores(SCHEMA_V2);
  if (version >= 3) old.version(3).stores(SCHEMA_V3);
  if (version >= 5) old.version(4).stores(SCHEMA_V4);
  if (version >= 5) old.version(5).stores(SCHEMA_V5);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    await old.table('registrations').bulkAdd(records);
    await old.table('outbox').bulkAdd(entries);
    await old.table('drafts').bulkAdd(drafts);
    await old.table('meta').bulkAdd(meta);
  });
  old.close();
  return { records, entries, drafts, meta };
}

const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

/** What the upgrade leaves of a record written by an older schema: the hash and the keys added. */
const upgraded = (r: PhoneRecord): PhoneRecord => {
  const withHash = { ...r, nikHash: r.nikHash ?? sha256Hex((r as StoredRegistration).nik) };
  return { ...withHash, searchKeys: searchKeysOf(withHash) };
};

describe.each([1, 2, 3, 5] as const)('schema v%i → current', (version) => {
  it('keeps every record, outbox entry, draft and meta row, and the queue still drains', async () => {
    const name = `jaring-upgrade-${crypto.randomUUID()}`;
    const before = await writeOldDatabase(name, version);

    const db = openJaringDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.photos.count()).toBe(0);
    expect(await db.claims.count()).toBe(0);
    // The v1 outbox indexes (state, leaseUntil, enqueuedAt) are gone; only the compound one is left.
    const outboxStore = db.backendDB().transaction('outbox').objectStore('outbox');
    expect([...outboxStore.indexNames]).toEqual(['[state+enqueuedAt]']);
    const expected = before.records.map(upgraded);
    expect(byKey(await db.registrations.toArray(), (r) => r.id)).toEqual(byKey(expected, (r) => r.id));
    expect(byKey(await db.outbox.toArray(), (e) => e.recordId)).toEqual(
      byKey(before.entries, (e) => e.recordId),
    );
    expect(await db.drafts.toArray()).toEqual(before.drafts);
    expect(await db.meta.get('some.setting')).toEqual(before.meta[0]);
    // The new index was built from the old entries: pending ones, oldest first.
    const pending = await db.outbox
      .where('[state+enqueuedAt]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .primaryKeys();
    expect(pending).toEqual(before.records.slice(0, 8).map((r) => r.id));

    const engine = testEngine(db, faultyFetch(registry, Math.random).fetch);
    const deviceId = await enrollPhone(engine, registry);
    await engine.whenIdle();
    const converged = await expectConverged(db, registry, deviceId);
    // The 11 queued records (3 of them reclaimed from the dead tab) reached the registry; the parked
    // one waits for the volunteer, as before the update.
    expect(converged).toMatchObject({ phone: 12, server: 11, duplicates: 0 });
    expect(converged.mismatches.map((r) => r.id)).toEqual([before.records[11]!.id]);
    expect(await db.outbox.toArray()).toEqual([before.entries[11]]);
    // Every push's claim went with its answers.
    expect(await db.claims.count()).toBe(0);
    expect(await db.drafts.toArray()).toEqual(before.drafts);

    const photo = takenPhoto(version);
    const saved = await saveNewRegistration(
      db,
      nextPerson(),
      { now: new Date(), newId: () => crypto.randomUUID() },
      photo,
    );
    expect(saved.ok).toBe(true);
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced' });
    const [uploaded] = await registry.query<{ sha256: string }>(
      `select sha256 from registration_photos where registration_id = '${saved.ok ? saved.record.id : ''}'`,
    );
    expect(uploaded?.sha256).toBe(photo.sha256);
    expect(await db.photos.count()).toBe(0);
    db.close();
  });
});

describe('schema v3 → current, with slimmed records', () => {
  it('indexes every record for search: full and slimmed ones are found as before', async () => {
    const name = `jaring-upgrade-${crypto.randomUUID()}`;
    const full = Array.from({ length: 6 }, (_, i) => ({
      ...storedRecord(20 + i),
      syncState: 'sent' as const,
    }));
    const rows: PhoneRecord[] = full.map((r, i) => {
      const hashed = { ...r, nikHash: sha256Hex(r.nik) };
      return i % 2 === 0 ? slimmed(hashed, r.updatedAt) : hashed;
    });
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    await old.table('registrations').bulkAdd(rows);
    old.close();

    const db = openJaringDb(name);
    const store = (await db.open()).backendDB().transaction('registrations').objectStore('registrations');
    expect([...store.indexNames]).toContain('searchKeys');
    expect([...store.indexNames]).not.toContain('nameWords');
    expect(byKey(await db.registrations.toArray(), (r) => r.id)).toEqual(
      byKey(rows.map(upgraded), (r) => r.id),
    );
    const newestFirst = [...rows].reverse();
    for (const word of nameSearchWords(rows[0]!.fullName)) {
      const found = await searchRegistrations(db, { query: word.slice(0, 3) });
      const expected = newestFirst.filter((r) => r.nameWords.some((w) => w.startsWith(word.slice(0, 3))));
      expect(found.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
    // A slimmed record keeps no NIK: found by the whole NIK (its hash), not by a part of it.
    expect((await searchRegistrations(db, { query: full[0]!.nik })).map((r) => r.id)).toEqual([rows[0]!.id]);
    const byPart = await searchRegistrations(db, { query: full[0]!.nik.slice(0, 12) });
    expect(byPart.map((r) => r.id)).not.toContain(rows[0]!.id);
    expect((await searchRegistrations(db, { query: full[1]!.nik.slice(0, 12) })).map((r) => r.id)).toContain(
      rows[1]!.id,
    );
    db.close();
  });
});
