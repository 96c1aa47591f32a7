import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadDraft,
  saveDraft,
  saveNewRegistration,
  updateRegistration,
  getRegistration,
  type JaringDb,
  type SaveResult,
  type StoredRegistration,
} from '../../../src/client/db';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';
import { contextAt, freshDb, minutesAfterNow, rowCounts } from './helpers';

let db: JaringDb;
let original: StoredRegistration;

function saved(result: SaveResult) {
  if (!result.ok) throw new Error(`expected a saved record, got ${JSON.stringify(result)}`);
  return result.record;
}

beforeEach(async () => {
  db = freshDb();
  original = saved(await saveNewRegistration(db, makeFields(), contextAt()));
});
afterEach(() => db.delete());

describe('updateRegistration', () => {
  it('bumps the version on each edit and keeps exactly one outbox entry, for the newest version', async () => {
    await saveDraft(db, original.id, { fullName: 'Siti Aminah Z' }, new Date(NOW));
    const v2 = saved(
      await updateRegistration(
        db,
        original.id,
        makeFields({ fullName: 'Siti Aminah Z' }),
        contextAt(minutesAfterNow(5)),
      ),
    );
    const v3 = saved(
      await updateRegistration(
        db,
        original.id,
        makeFields({ fullName: 'Siti Aminah' }),
        contextAt(minutesAfterNow(9)),
      ),
    );

    expect(v2).toMatchObject({ version: 2, fullName: 'Siti Aminah Z', nameWords: ['siti', 'aminah', 'z'] });
    expect(v3).toMatchObject({
      id: original.id,
      version: 3,
      syncState: 'pending',
      createdAt: NOW,
      createdDay: original.createdDay,
      updatedAt: minutesAfterNow(9),
    });
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({
        recordId: original.id,
        version: 3,
        state: 'pending',
        enqueuedAt: minutesAfterNow(9),
      }),
    ]);
    expect(await loadDraft(db, original.id)).toBeUndefined();
  });

  it("clears the registry's verdict on the old version, keeps what it acknowledged, and re-queues a parked entry", async () => {
    await db.table<StoredRegistration, string>('registrations').update(original.id, {
      syncState: 'duplicate',
      serverStatus: 'received',
      sentVersion: 1,
      lastSyncedAt: NOW,
      duplicate: { kelurahanKode: '3573011005', registeredAt: NOW },
      syncErrors: [{ field: 'nik', code: 'nik_length' }],
      serverReason: 'NIK terdaftar',
    });
    await db.outbox.update(original.id, { state: 'parked', attempts: 7 });

    const edited = saved(
      await updateRegistration(db, original.id, makeFields(), contextAt(minutesAfterNow(1))),
    );

    expect(edited).toMatchObject({
      syncState: 'pending',
      serverStatus: 'received',
      sentVersion: 1,
      lastSyncedAt: NOW,
    });
    expect(edited).not.toHaveProperty('duplicate');
    expect(edited).not.toHaveProperty('syncErrors');
    expect(edited).not.toHaveProperty('serverReason');
    expect(await db.outbox.get(original.id)).toMatchObject({
      version: 2,
      state: 'pending',
      attempts: 0,
      leaseUntil: 0,
    });
  });

  it('drops an optional field the volunteer emptied', async () => {
    const edited = saved(
      await updateRegistration(db, original.id, { ...makeFields(), phone: '' }, contextAt()),
    );
    expect(edited.phone).toBeUndefined();
    expect(((await getRegistration(db, original.id)) as StoredRegistration).phone).toBeUndefined();
  });

  it('refuses a NIK that belongs to another record on this phone, leaving both untouched', async () => {
    const other = saved(
      await saveNewRegistration(db, makeFields({ ...uniquePerson(3), fullName: 'Budi' }), contextAt()),
    );
    const result = await updateRegistration(db, other.id, makeFields({ fullName: 'Budi' }), contextAt());

    expect(result).toEqual({
      ok: false,
      reason: 'duplicate_nik',
      existing: { id: original.id, fullName: 'Siti Aminah', kelurahanKode: '3573011005' },
    });
    expect(await getRegistration(db, other.id)).toEqual(other);
    expect((await db.outbox.get(other.id))?.version).toBe(1);
  });

  it.each([
    [
      'invalid input',
      () => updateRegistration(db, original.id, makeFields({ nik: '12' }), contextAt()),
      'invalid',
    ],
    [
      'an unknown id',
      () => updateRegistration(db, crypto.randomUUID(), makeFields(), contextAt()),
      'not_found',
    ],
  ])('changes nothing for %s', async (_label, edit, reason) => {
    expect(await edit()).toMatchObject({ ok: false, reason });
    expect(await getRegistration(db, original.id)).toEqual(original);
    expect(await rowCounts(db)).toMatchObject({ registrations: 1, outbox: 1 });
  });
});
