/**
 * The pull cursor moves in the same transaction as the changes it follows (sync README invariant 7):
 * the sync's writes commit relaxed (invariant 14), and a crash that kept a cursor while losing its
 * changes would skip those verdicts for good.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { applyStatusChanges, getMeta } from '../../src/client/db';
import { SYNC_META_KEYS } from '../../src/client/sync/meta-keys';
import { freshPhoneDb, saveOne } from './harness';

it('keeps the old cursor when the changes it follows fail, and moves it with them', async () => {
  const db = freshPhoneDb();
  const id = await saveOne(db);
  await db.outbox.clear(); // pushed and acknowledged
  await db.meta.put({ key: SYNC_META_KEYS.cursor, value: 'c1' });
  const verdict = {
    id,
    version: 1,
    serverStatus: 'rejected' as const,
    reason: 'Foto KTP buram',
    changedAt: new Date().toISOString(),
  };
  const cursor = { key: SYNC_META_KEYS.cursor, value: 'c2' };

  const refuse = () => {
    throw new Error('disk full');
  };
  db.registrations.hook('updating', refuse);
  db.registrations.hook('creating', refuse);
  await expect(applyStatusChanges(db, [verdict], cursor)).rejects.toThrow('disk full');
  expect(await getMeta(db, SYNC_META_KEYS.cursor)).toBe('c1');
  db.registrations.hook('updating').unsubscribe(refuse);
  db.registrations.hook('creating').unsubscribe(refuse);

  expect(await applyStatusChanges(db, [verdict], cursor)).toBe(1);
  expect(await getMeta(db, SYNC_META_KEYS.cursor)).toBe('c2');
  expect(await db.registrations.get(id)).toMatchObject({
    syncState: 'needs_fix',
    serverReason: 'Foto KTP buram',
  });
  db.close();
});
