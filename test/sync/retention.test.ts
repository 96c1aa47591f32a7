import 'fake-indexeddb/auto';
/**
 * The phone slims what the office has, through the real engine and a real registry: a record the
 * office verifies is slimmed at the next pull, and one accepted longer ago than the office's setting
 * (sent in the pull as retentionDays) after it; a record still waiting is kept whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegistration } from '../../src/client/db';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { enrollPhone, faultyFetch, freshPhoneDb, saveOne, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const DAY = 86_400_000;

describe('what the phone keeps after the office has a record', () => {
  it('slims a verified record at once and an accepted one after the office’s days', async () => {
    const db = freshPhoneDb();
    const net = faultyFetch(registry, Math.random);
    const [verifiedId, acceptedId] = [await saveOne(db), await saveOne(db)];
    const engine = testEngine(db, net.fetch);
    await enrollPhone(engine, registry);
    await engine.whenIdle();
    await registry.setStatus(verifiedId, 'verified');
    const set = await registry.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings',
      headers: { authorization: `Bearer ${registry.adminToken}` },
      payload: { phoneRetentionDays: 3 },
    });
    expect(set.statusCode).toBe(200);

    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced' });
    expect(await getRegistration(db, verifiedId)).toMatchObject({
      syncState: 'verified',
      slimmedAt: expect.any(String),
    });
    expect(await getRegistration(db, acceptedId)).not.toHaveProperty('slimmedAt');

    const waitingId = await saveOne(db); // queued: sent by the later run, so accepted only then
    const later = testEngine(db, net.fetch, { now: () => Date.now() + 4 * DAY });
    expect(await later.syncOnce()).toMatchObject({ kind: 'synced' });
    expect(await getRegistration(db, acceptedId)).toMatchObject({
      syncState: 'sent',
      slimmedAt: expect.any(String),
    });
    // Accepted by the later run itself: its days have not begun to run out.
    expect(await getRegistration(db, waitingId)).toHaveProperty('nik');
  });
});
