import 'fake-indexeddb/auto';
/**
 * KTP photos through the real engine and a real registry: uploaded after their record is accepted,
 * once, and deleted from the phone only when the registry acknowledged them — through lost answers,
 * an app restart, a registry restart and two tabs at once; a photo never holds a record back, and
 * bytes the registry refuses (413, 415) are parked with their reason while the record is synced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecordPhoto, isPhotoRequired, saveNewRegistration, type JaringDb } from '../../src/client/db';
import type { LockManagerLike } from '../../src/client/sync/runner-lock';
import type { PhotoType } from '../../src/shared/photo';
import { takenPhoto } from '../fixtures/photos';
import { NOW } from '../fixtures/registrations';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollQuietly, faultyFetch, freshPhoneDb, nextPerson, saveOne, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const ctx = () => ({ now: new Date(NOW), newId: () => crypto.randomUUID() });
let seeds = 100;

async function saveWithPhoto(db: JaringDb, type: PhotoType = 'image/jpeg', size = 4096) {
  const photo = takenPhoto(++seeds, type, size);
  const result = await saveNewRegistration(db, nextPerson(), ctx(), photo);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { id: result.record.id, sha256: photo.sha256, photo };
}

const photoRowsAt = (recordId: string) =>
  registry.query<{ sha256: string; bytes: number }>(
    `select sha256, bytes from registration_photos where registration_id = '${recordId}'`,
  );

/** The network, with the next `lostPhotoAnswers` PUT answers lost after the registry stored the bytes. */
function network(options: { lostPhotoAnswers?: number; failPhotos?: boolean; proxyLimit?: number } = {}) {
  const net = faultyFetch(registry, Math.random);
  let lost = options.lostPhotoAnswers ?? 0;
  const puts: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    if (init?.method !== 'PUT') return net.fetch(input, init);
    puts.push(String(input));
    if (options.failPhotos) return new Response('{"code":"internal"}', { status: 503 });
    // A proxy in front of the registry with a smaller body limit than the registry's own.
    const size = init.body instanceof Blob ? init.body.size : 0;
    if (options.proxyLimit !== undefined && size > options.proxyLimit)
      return new Response('<html>413 Request Entity Too Large</html>', { status: 413 });
    const response = await net.fetch(input, init);
    if (lost <= 0) return response;
    lost -= 1;
    await response.arrayBuffer();
    throw new TypeError('fetch failed (response lost)');
  };
  return { fetch: fetchImpl, puts };
}

describe('KTP photos through the sync engine', () => {
  it('uploads the photo after its record is accepted, once, then deletes it from the phone', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const { id, sha256, photo } = await saveWithPhoto(db);
    const net = network();
    expect(await testEngine(db, net.fetch).syncOnce()).toMatchObject({ kind: 'synced', pushed: 1 });
    expect(net.puts).toHaveLength(1);
    expect(await photoRowsAt(id)).toEqual([{ sha256, bytes: photo.blob.size }]);
    expect(await db.photos.count()).toBe(0);
    expect(await db.registrations.get(id)).toMatchObject({ ktpPhoto: { sha256 } });
  });

  it('keeps the photo through a lost answer and an app restart, and the registry holds one copy', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const { id, sha256 } = await saveWithPhoto(db);
    const lossy = network({ lostPhotoAnswers: 1 });
    expect(await testEngine(db, lossy.fetch).syncOnce()).toMatchObject({ kind: 'failed' });
    expect(await getRecordPhoto(db, id)).toMatchObject({ state: 'waiting', attempts: 1 });
    expect((await db.registrations.get(id))?.syncState).toBe('sent');

    await registry.restart();
    const restarted = testEngine(db, network().fetch); // a new engine: the app was closed and opened
    expect(await restarted.syncOnce()).toMatchObject({ kind: 'synced' });
    expect(await photoRowsAt(id)).toEqual([{ sha256, bytes: expect.anything() }]);
    expect(await db.photos.count()).toBe(0);
  });

  it('never holds a record back: records go up while the photos keep failing', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const { id } = await saveWithPhoto(db);
    const down = network({ failPhotos: true });
    expect(await testEngine(db, down.fetch).syncOnce()).toMatchObject({ kind: 'failed' });
    const laterId = await saveOne(db);
    expect(await testEngine(db, down.fetch).syncOnce()).toMatchObject({ kind: 'failed' });
    const held = await registry.query<{ id: string }>(
      `select id from registrations where id in ('${id}', '${laterId}')`,
    );
    expect(held).toHaveLength(2);
    expect(await getRecordPhoto(db, id)).toMatchObject({ state: 'waiting', attempts: 2 });
    expect(await testEngine(db, network().fetch).syncOnce()).toMatchObject({ kind: 'synced' });
    expect(await db.photos.count()).toBe(0);
  });

  it('learns from the pull whether the office requires a photo', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const setRequirement = (requireKtpPhoto: boolean) =>
      registry.app.inject({
        method: 'PUT',
        url: '/api/v1/admin/settings',
        headers: { authorization: `Bearer ${registry.adminToken}` },
        payload: { requireKtpPhoto },
      });
    expect(await isPhotoRequired(db)).toBe(false);
    expect((await setRequirement(true)).statusCode).toBe(200);
    await testEngine(db, network().fetch).syncOnce();
    expect(await isPhotoRequired(db)).toBe(true);
    await setRequirement(false);
    await testEngine(db, network().fetch).syncOnce();
    expect(await isPhotoRequired(db)).toBe(false);
  });

  it('saves a photo over the registry limit nowhere, keeping the record', async () => {
    const db = freshPhoneDb();
    const result = await saveNewRegistration(
      db,
      nextPerson(),
      ctx(),
      takenPhoto(++seeds, 'image/jpeg', 600 * 1024),
    );
    expect(result).toMatchObject({ ok: true, photoError: 'too_large' });
    expect(await db.photos.count()).toBe(0);
  });

  it('parks a photo the registry refuses (too large, not an image) and syncs its record', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const big = await saveWithPhoto(db, 'image/jpeg', 300 * 1024);
    const gif = takenPhoto(++seeds);
    const notImage = {
      ...gif,
      blob: new Blob([new TextEncoder().encode('GIF89a…')], { type: 'image/jpeg' }),
    };
    const bytes = new Uint8Array(await notImage.blob.arrayBuffer());
    const { createHash } = await import('node:crypto');
    notImage.sha256 = createHash('sha256').update(bytes).digest('hex');
    const saved = await saveNewRegistration(db, nextPerson(), ctx(), notImage);
    expect(saved.ok).toBe(true);
    const notImageId = saved.ok ? saved.record.id : '';

    const behindProxy = network({ proxyLimit: 256 * 1024 });
    expect(await testEngine(db, behindProxy.fetch).syncOnce()).toMatchObject({ kind: 'synced', pushed: 2 });
    expect(await getRecordPhoto(db, big.id)).toMatchObject({ state: 'rejected', rejection: 'too_large' });
    expect(await getRecordPhoto(db, notImageId)).toMatchObject({
      state: 'rejected',
      rejection: 'unsupported',
    });
    expect(await photoRowsAt(big.id)).toEqual([]);
    expect(await photoRowsAt(notImageId)).toEqual([]);
    // Parked photos are not tried again by the next run.
    const next = network();
    expect(await testEngine(db, next.fetch).syncOnce()).toMatchObject({ kind: 'synced' });
    expect(next.puts).toEqual([]);
  });

  it('two tabs syncing at once with no lock between them store one copy and lose none', async () => {
    const db = freshPhoneDb();
    await enrollQuietly(db, registry);
    const photos = [await saveWithPhoto(db), await saveWithPhoto(db), await saveWithPhoto(db)];
    const noExclusion: LockManagerLike = { request: (_n, _o, callback) => Promise.resolve(callback({})) };
    const tabs = [network({ lostPhotoAnswers: 1 }), network()].map((net) =>
      testEngine(db, net.fetch, { locks: noExclusion }),
    );
    await Promise.all(tabs.map((tab) => tab.syncOnce()));
    await testEngine(db, network().fetch).syncOnce();
    for (const { id, sha256 } of photos) {
      expect(await photoRowsAt(id)).toEqual([{ sha256, bytes: expect.anything() }]);
    }
    expect(await db.photos.count()).toBe(0);
  });
});
