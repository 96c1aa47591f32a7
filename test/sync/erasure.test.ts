import 'fake-indexeddb/auto';
/**
 * Erasure reaches the phone that made the record, through the real engine and a real registry: the
 * pull's `erased` change deletes the record, its queued edit (which the registry closes without storing
 * it, had it been pushed first) and the open edit's draft; the phone's other records stay as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraft } from '../../src/client/db';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { editName, enrollPhone, faultyFetch, freshPhoneDb, nextPerson, saveOne, testEngine } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

async function erase(id: string, confirmation: string) {
  const res = await registry.app.inject({
    method: 'POST',
    url: `/api/v1/admin/registrations/${id}/erase`,
    headers: { authorization: `Bearer ${registry.adminToken}` },
    payload: { confirmation, reason: 'Permintaan yang bersangkutan' },
  });
  if (res.statusCode !== 200) throw new Error(`erase: ${res.statusCode} ${res.body}`);
}

describe('an erased record on the phone that made it', () => {
  it('goes from the phone with its queued edit and draft; the other records stay', async () => {
    const db = freshPhoneDb();
    const engine = testEngine(db, faultyFetch(registry, Math.random).fetch);
    const person = nextPerson({ fullName: 'Painem Rahayu' });
    const erasedId = await saveOne(db, person);
    const keptId = await saveOne(db);
    await enrollPhone(engine, registry);
    await engine.whenIdle();
    expect((await db.registrations.get(erasedId))?.syncState).toBe('sent');

    await erase(erasedId, person.nik);
    // Meanwhile the volunteer edited it (queued) and left an edit half-typed (a draft).
    await editName(db, erasedId, 'Painem Rahayuningsih');
    await saveDraft(db, erasedId, { fullName: 'Painem R' }, new Date());
    expect(await engine.syncOnce()).toMatchObject({ kind: 'synced' });

    expect(await db.registrations.get(erasedId)).toBeUndefined();
    expect(await db.outbox.get(erasedId)).toBeUndefined();
    expect(await db.drafts.get(erasedId)).toBeUndefined();
    expect((await db.registrations.get(keptId))?.syncState).toBe('sent');
    const rows = await registry.query<{ n: number | string }>(
      `select count(*) as n from registrations where id = '${erasedId}' or nik = '${person.nik}'`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
