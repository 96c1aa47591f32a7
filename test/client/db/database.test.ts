import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countRegistrations,
  observe,
  onDbBlocked,
  openJaringDb,
  saveNewRegistration,
  type DbBlockedEvent,
  type JaringDb,
} from '../../../src/client/db';
import { makeFields, TODAY } from '../../fixtures/registrations';
import { contextAt, freshDbName } from './helpers';

/** Opens the same database with the raw IndexedDB API, as a newer app version in another tab would. */
function openRaw(name: string, version: number, onVersionChange?: (db: IDBDatabase) => void) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => {
      const raw = request.result;
      if (onVersionChange) raw.onversionchange = () => onVersionChange(raw);
      resolve(raw);
    };
    request.onerror = () => reject(request.error);
  });
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function collectEvents(): DbBlockedEvent[] {
  const events: DbBlockedEvent[] = [];
  cleanups.push(onDbBlocked((event) => events.push(event)));
  return events;
}

describe('JaringDb connection life cycle', () => {
  it('creates the latest schema (v6) with the contract tables, unique NIK and NIK-hash indexes and the search keys', async () => {
    const db = openJaringDb(freshDbName());
    cleanups.push(() => db.delete());
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'claims',
      'drafts',
      'meta',
      'outbox',
      'photos',
      'registrations',
    ]);
    expect(db.verno).toBe(6);
    expect(db.claims.schema.primKey).toMatchObject({ auto: true });
    expect(db.registrations.schema.idxByName.nik).toMatchObject({ unique: true });
    expect(db.registrations.schema.idxByName.nikHash).toMatchObject({ unique: true });
    expect(db.registrations.schema.idxByName.searchKeys).toMatchObject({ multi: true });
    expect(db.registrations.schema.idxByName.nameWords).toBeUndefined();
    expect(db.outbox.schema.idxByName['[state+enqueuedAt]']).toMatchObject({
      keyPath: ['state', 'enqueuedAt'],
    });
  });

  it('closes for good and tells the UI when another tab upgrades the database', async () => {
    const name = freshDbName();
    const events = collectEvents();
    const db = openJaringDb(name);
    await db.open();

    const newer = await openRaw(name, 1000); // far newer: Dexie stores version 5 as native version 50
    newer.close();
    cleanups.push(() => indexedDB.deleteDatabase(name));

    expect(events).toEqual([{ kind: 'versionchange', dbName: name }]);
    expect(db.isOpen()).toBe(false);
    expect(await saveNewRegistration(db, makeFields(), contextAt())).toMatchObject({
      reason: 'storage',
      storageError: 'closed',
    });
  });

  it('tells the UI when its upgrade is blocked by an old tab, then opens once that tab lets go', async () => {
    const name = freshDbName();
    const events = collectEvents();
    const oldTab = await openRaw(name, 5); // an older version that ignores versionchange

    const db = openJaringDb(name);
    cleanups.push(() => db.delete());
    const opening = db.open();
    await vi.waitFor(() => expect(events).toContainEqual({ kind: 'blocked', dbName: name }));
    expect(db.isOpen()).toBe(false);

    oldTab.close();
    await opening;
    expect(db.isOpen()).toBe(true);
  });

  it('stops notifying a listener after it unsubscribes', async () => {
    const name = freshDbName();
    const seen: DbBlockedEvent[] = [];
    onDbBlocked((event) => seen.push(event))();
    const db = openJaringDb(name);
    await db.open();
    (await openRaw(name, 1000)).close();
    cleanups.push(() => indexedDB.deleteDatabase(name));
    expect(seen).toEqual([]);
  });
});

describe('observe', () => {
  it('pushes a fresh result after every save, and nothing after unsubscribe', async () => {
    const db = openJaringDb(freshDbName());
    cleanups.push(() => db.delete());
    const totals: number[] = [];
    const unsubscribe = observe(() => countRegistrations(db, TODAY)).subscribe((counts) =>
      totals.push(counts.total),
    );
    await vi.waitFor(() => expect(totals).toEqual([0]));

    await saveNewRegistration(db, makeFields(), contextAt());
    await vi.waitFor(() => expect(totals).toEqual([0, 1]));

    unsubscribe();
    await saveNewRegistration(
      db,
      makeFields({ nik: '3573010101800002', birthDate: '1980-01-01', gender: 'L' }),
      contextAt(),
    );
    await db.registrations.count();
    expect(totals).toEqual([0, 1]);
  });

  it('passes query errors to onError', async () => {
    const errors: unknown[] = [];
    observe(() => Promise.reject(new Error('broken'))).subscribe(
      () => undefined,
      (error) => errors.push(error),
    );
    await vi.waitFor(() => expect(errors).toHaveLength(1));
  });
});

describe('the bookkeeping connection', () => {
  const durabilityOf = (db: JaringDb) =>
    db.transaction(
      'rw',
      db.meta,
      () => (Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction }).idbtrans.durability,
    );

  it('commits relaxed, while the connection it came from stays strict', async () => {
    const db = openJaringDb(freshDbName());
    cleanups.push(() => db.delete());
    expect(await durabilityOf(db)).toBe('strict');
    expect(await durabilityOf(db.forBookkeeping())).toBe('relaxed');
    expect(db.forBookkeeping().forBookkeeping()).toBe(db.forBookkeeping());
  });

  it("is seen by the strict connection's live queries, and closes with it", async () => {
    const db = openJaringDb(freshDbName());
    cleanups.push(() => db.delete());
    const saved = await saveNewRegistration(db, makeFields(), contextAt());
    if (!saved.ok) throw new Error('not saved');
    const states: string[] = [];
    const stop = observe(
      async () => (await db.registrations.get(saved.record.id))?.syncState ?? '',
    ).subscribe((state) => states.push(state));
    cleanups.push(stop);
    await vi.waitFor(() => expect(states).toEqual(['pending']));
    const bookkeeping = db.forBookkeeping();
    await bookkeeping.registrations.update(saved.record.id, { syncState: 'sent' });
    await vi.waitFor(() => expect(states).toEqual(['pending', 'sent']));

    db.close();
    expect(bookkeeping.isOpen()).toBe(false);
    // Opened again, it hands out a fresh bookkeeping connection that works.
    await db.open();
    expect((await db.forBookkeeping().registrations.get(saved.record.id))?.syncState).toBe('sent');
  });
});

describe('the bookkeeping connection after another tab upgrades', () => {
  it('stays closed with its connection: a run still going cannot reopen the old schema', async () => {
    const name = freshDbName();
    collectEvents();
    const db = openJaringDb(name);
    await db.open();
    await db.forBookkeeping().meta.put({ key: 'probe', value: 1 });

    const newer = await openRaw(name, 1000);
    newer.close();
    cleanups.push(() => indexedDB.deleteDatabase(name));

    expect(db.isOpen()).toBe(false);
    await expect(db.forBookkeeping().meta.put({ key: 'probe', value: 2 })).rejects.toMatchObject({
      name: 'DatabaseClosedError',
    });
    expect(db.forBookkeeping().isOpen()).toBe(false);
  });
});
