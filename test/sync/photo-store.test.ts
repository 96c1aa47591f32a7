import 'fake-indexeddb/auto';
/**
 * The KTP photo on the phone (fake-indexeddb): saved in the record's transaction, never inside the
 * record; a retake is a new version naming new bytes and leaves one photo row; two tabs saving at once
 * leave the record and its photo rows agreeing; a full phone saves the record without the photo and
 * says so; erasure, the revoked phone's wipe and slimming leave no photo behind.
 */
import { describe, expect, it } from 'vitest';
import {
  acknowledgePhoto,
  applyStatusChanges,
  slimRecordsPastRetention,
  openJaringDb,
  getRecordPhoto,
  listUploadablePhotos,
  saveNewRegistration,
  updateRegistration,
  type JaringDb,
  type StoredRegistration,
} from '../../src/client/db';
import { takenPhoto } from '../fixtures/photos';
import { NOW } from '../fixtures/registrations';
import { freshPhoneDb, nextPerson } from './harness';

const ctx = (at = NOW) => ({ now: new Date(at), newId: () => crypto.randomUUID() });

async function saveWithPhoto(db: JaringDb, seed = 1, at = NOW): Promise<StoredRegistration> {
  const result = await saveNewRegistration(db, nextPerson(), ctx(at), takenPhoto(seed));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.record;
}

/**
 * A connection on which every write to `photos` fails as a full disk does in Chromium (a test-only
 * Dexie middleware, registered before the connection opens, which is when Dexie applies it).
 */
function fullDiskConnection(name: string): JaringDb {
  const db = openJaringDb(name);
  db.use({
    stack: 'dbcore',
    name: 'quota-on-photos',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'photos') return table;
        return {
          ...table,
          mutate: (req) =>
            req.type === 'delete'
              ? table.mutate(req)
              : Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
        };
      },
    }),
  });
  return db;
}

describe('the KTP photo on the phone', () => {
  it('is saved with its record, named by hash, its bytes in their own table', async () => {
    const db = freshPhoneDb();
    const photo = takenPhoto(1);
    const record = await saveWithPhoto(db, 1);
    expect(record.ktpPhoto).toEqual({ sha256: photo.sha256, bytes: photo.blob.size, type: 'image/jpeg' });
    const stored = await db.registrations.get(record.id);
    expect(JSON.stringify(stored)).not.toContain('blob');
    const row = await getRecordPhoto(db, record.id);
    expect(row).toMatchObject({ sha256: photo.sha256, version: 1, state: 'waiting', attempts: 0 });
    expect(new Uint8Array(await row!.blob.arrayBuffer())).toEqual(
      new Uint8Array(await photo.blob.arrayBuffer()),
    );
  });

  it('is not written when the record is refused (a NIK already on the phone)', async () => {
    const db = freshPhoneDb();
    const person = nextPerson();
    await saveNewRegistration(db, person, ctx());
    const again = await saveNewRegistration(db, person, ctx(), takenPhoto(2));
    expect(again).toMatchObject({ ok: false, reason: 'duplicate_nik' });
    expect(await db.photos.count()).toBe(0);
  });

  it('a retake is a new version naming the new bytes, and the old photo goes', async () => {
    const db = freshPhoneDb();
    const record = await saveWithPhoto(db, 3);
    const retake = takenPhoto(4);
    const edited = await updateRegistration(db, record.id, record, ctx(), retake);
    expect(edited).toMatchObject({ ok: true, record: { version: 2, ktpPhoto: { sha256: retake.sha256 } } });
    const rows = await db.photos.toArray();
    expect(rows.map((r) => [r.sha256, r.version])).toEqual([[retake.sha256, 2]]);
  });

  it('an edit without a new photo keeps the photo and its row as they are', async () => {
    const db = freshPhoneDb();
    const record = await saveWithPhoto(db, 5);
    const edited = await updateRegistration(db, record.id, { ...record, fullName: 'Siti Baru' }, ctx());
    expect(edited).toMatchObject({ ok: true, record: { version: 2, ktpPhoto: record.ktpPhoto } });
    expect((await db.photos.toArray()).map((r) => r.version)).toEqual([1]);
    const removed = await updateRegistration(db, record.id, record, ctx(), 'remove');
    expect(removed.ok && removed.record.ktpPhoto).toBe(undefined);
    expect(await db.photos.count()).toBe(0);
  });

  it('two tabs retaking at once leave one photo, the one the record names', async () => {
    const dbName = `jaring-two-tabs-${crypto.randomUUID()}`;
    const [tabA, tabB] = [openJaringDb(dbName), openJaringDb(dbName)];
    const record = await saveWithPhoto(tabA, 6);
    const [a, b] = await Promise.all([
      updateRegistration(tabA, record.id, record, ctx(), takenPhoto(7)),
      updateRegistration(tabB, record.id, record, ctx(), takenPhoto(8)),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const stored = (await tabA.registrations.get(record.id)) as StoredRegistration;
    expect(stored.version).toBe(3);
    const rows = await tabB.photos.toArray();
    expect(rows.map((r) => r.sha256)).toEqual([stored.ktpPhoto!.sha256]);
    tabA.close();
    tabB.close();
  });

  it('a full phone saves the record without the photo, and says so', async () => {
    const db = fullDiskConnection(freshPhoneDb().name);
    const result = await saveNewRegistration(db, nextPerson(), ctx(), takenPhoto(9));
    expect(result).toMatchObject({ ok: true, photoError: 'quota' });
    expect(result.ok && result.record.ktpPhoto).toBe(undefined);
    expect(await db.registrations.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.photos.count()).toBe(0);
  });

  it('a retake on a full phone keeps the edit and the old photo', async () => {
    const first = freshPhoneDb();
    const record = await saveWithPhoto(first, 10);
    first.close();
    const db = fullDiskConnection(first.name);
    const edited = await updateRegistration(
      db,
      record.id,
      { ...record, fullName: 'Siti Lain' },
      ctx(),
      takenPhoto(11),
    );
    expect(edited).toMatchObject({
      ok: true,
      photoError: 'quota',
      record: { version: 2, fullName: 'Siti Lain' },
    });
    expect(edited.ok && edited.record.ktpPhoto).toEqual(record.ktpPhoto);
    expect((await db.photos.toArray()).map((r) => r.sha256)).toEqual([record.ktpPhoto!.sha256]);
  });

  it('is offered for upload only once the registry acknowledged a version naming it, oldest first', async () => {
    const db = freshPhoneDb();
    const [first, unsent, third] = [
      await saveWithPhoto(db, 20, '2026-11-23T08:00:00.000Z'),
      await saveWithPhoto(db, 21, '2026-11-23T08:01:00.000Z'),
      await saveWithPhoto(db, 22, '2026-11-23T08:02:00.000Z'),
    ];
    const acknowledge = (id: string, version: number) =>
      db.registrations.update(id, { sentVersion: version });
    await Promise.all([acknowledge(first.id, 1), acknowledge(third.id, 1)]);
    const listed = async (limit = 10) => (await listUploadablePhotos(db, limit)).map((p) => p.recordId);
    expect(await listed(1)).toEqual([first.id]);
    expect(await listed()).toEqual([first.id, third.id]);
    expect(unsent.id).not.toBe(first.id);

    // An edit that keeps the photo: the registry's version 1 names it already.
    await updateRegistration(db, first.id, { ...first, fullName: 'Siti Edit' }, ctx());
    expect(await listed()).toEqual([first.id, third.id]);
    // A retake at version 2: it waits for the registry to accept version 2.
    await updateRegistration(db, third.id, third, ctx('2026-11-23T09:00:00.000Z'), takenPhoto(23));
    expect(await listed()).toEqual([first.id]);
    await acknowledge(third.id, 2);
    expect(await listed()).toEqual([first.id, third.id]);
  });

  it('keeps its record whole past the retention days until the registry has it', async () => {
    const db = freshPhoneDb();
    const record = await saveWithPhoto(db, 24);
    await db.outbox.clear(); // accepted long ago, nothing queued
    await db.registrations.update(record.id, { syncState: 'sent', sentVersion: 1, lastSyncedAt: NOW });
    const later = Date.parse(NOW) + 40 * 86_400_000;
    expect(await slimRecordsPastRetention(db, 30, later)).toBe(0);
    await acknowledgePhoto(db, record.id, record.ktpPhoto!.sha256);
    expect(await slimRecordsPastRetention(db, 30, later)).toBe(1);
    expect(await db.registrations.get(record.id)).toHaveProperty('slimmedAt');
  });

  it('goes with an erased record and with a record the office verified (slimmed)', async () => {
    const db = freshPhoneDb();
    const erased = await saveWithPhoto(db, 12);
    const verified = await saveWithPhoto(db, 13);
    await db.outbox.clear(); // both pushed and acknowledged
    const changedAt = NOW;
    await applyStatusChanges(db, [
      { id: erased.id, version: 1, serverStatus: 'rejected', erased: true, changedAt },
      { id: verified.id, version: 1, serverStatus: 'verified', changedAt },
    ]);
    expect(await db.registrations.get(erased.id)).toBeUndefined();
    expect(await db.registrations.get(verified.id)).toHaveProperty('slimmedAt');
    expect(await db.photos.count()).toBe(0);
  });
});
