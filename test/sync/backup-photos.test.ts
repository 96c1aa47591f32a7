import 'fake-indexeddb/auto';
/**
 * The KTP photos in a rescue backup, on real (fake-indexeddb) databases in Node, whose Blobs read back as
 * bytes: each record's photo travels with it and is restored waiting to be uploaded after its record; a
 * photo that is not the one its record names refuses the whole file and writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBackup, toBase64 } from '../../src/client/backup/backup-file';
import { makeBackup, restoreBackup } from '../../src/client/backup/rescue-backup';
import { openJaringDb, saveNewRegistration, type JaringDb } from '../../src/client/db';
import { storeCredentials } from '../../src/client/sync/device-credentials';
import { ktpPhotoOf, photoBytes, takenPhoto } from '../fixtures/photos';
import { makeFields, makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';

const PASS = 'kunci rahasia 2026';
const BLIMBING = '3573011005';
const LATER = new Date(Date.parse(NOW) + 3_600_000);
const contextAt = () => ({ now: new Date(NOW), newId: () => crypto.randomUUID() });

let phoneA: JaringDb;
let phoneB: JaringDb;
let dbs = 0;
beforeEach(() => {
  phoneA = openJaringDb(`backup-photos-a-${++dbs}`);
  phoneB = openJaringDb(`backup-photos-b-${dbs}`);
});
afterEach(async () => {
  await Promise.all([phoneA.delete(), phoneB.delete()]);
});

const enroll = (db: JaringDb, kelurahanKode: string) =>
  storeCredentials(db, {
    deviceId: crypto.randomUUID(),
    token: 't'.repeat(43),
    enrolledAt: NOW,
    kelurahanKode,
  });

let n = 700;
async function save(db: JaringDb) {
  const saved = await saveNewRegistration(db, makeFields(uniquePerson(++n)), contextAt());
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  return saved.record;
}

async function snapshot(db: JaringDb) {
  const [registrations, outbox, photos] = await Promise.all([
    db.registrations.toArray(),
    db.outbox.toArray(),
    db.photos.toArray(),
  ]);
  return { registrations, outbox, photos };
}

describe('the KTP photos in a backup', () => {
  async function saveWithPhoto(db: JaringDb, seed: number) {
    const saved = await saveNewRegistration(db, makeFields(uniquePerson(++n)), contextAt(), takenPhoto(seed));
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    return saved.record;
  }

  it('carries the photo each record names, restored with it, waiting to be uploaded after it', async () => {
    await enroll(phoneA, BLIMBING);
    await enroll(phoneB, BLIMBING);
    const withPhoto = await saveWithPhoto(phoneA, 7);
    await save(phoneA);
    const made = await makeBackup(phoneA, PASS, new Date(NOW));
    expect(made).toMatchObject({ records: 2, photos: 1 });
    const result = await restoreBackup(phoneB, new Uint8Array(await made.file.arrayBuffer()), PASS, LATER);
    expect(result).toEqual({ ok: true, restored: 2, alreadyHere: 0 });
    const rows = await phoneB.photos.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recordId: withPhoto.id,
      sha256: withPhoto.ktpPhoto!.sha256,
      state: 'waiting',
      version: 1,
    });
    const original = new Uint8Array(await (await phoneA.photos.toArray())[0]!.blob.arrayBuffer());
    expect(new Uint8Array(await rows[0]!.blob.arrayBuffer())).toEqual(original);
  });

  it('refuses the whole file when a photo is not the one its record names', async () => {
    await enroll(phoneB, BLIMBING);
    const record = { ...makeRegistration(uniquePerson(++n)), ktpPhoto: ktpPhotoOf(photoBytes(1)) };
    const data = toBase64(photoBytes(2));
    const photos = [{ recordId: record.id, sha256: record.ktpPhoto.sha256, type: 'image/jpeg', data }];
    const file = await encodeBackup(
      { records: [record], photos },
      { kelurahanKode: BLIMBING, createdAt: NOW },
      PASS,
    );
    const before = await snapshot(phoneB);
    expect(await restoreBackup(phoneB, file, PASS, LATER)).toMatchObject({
      ok: false,
      reason: 'invalid_record',
    });
    expect(await snapshot(phoneB)).toEqual(before);
    expect(await phoneB.photos.count()).toBe(0);
  });
});
