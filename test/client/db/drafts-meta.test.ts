import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  discardDraft,
  getMeta,
  listDrafts,
  loadDraft,
  NEW_DRAFT_ID,
  openJaringDb,
  saveDraft,
  setMeta,
  type JaringDb,
} from '../../../src/client/db';
import { NOW } from '../../fixtures/registrations';
import { freshDbName, minutesAfterNow } from './helpers';

let name: string;
let db: JaringDb;
beforeEach(() => {
  name = freshDbName();
  db = openJaringDb(name);
});
afterEach(() => openJaringDb(name).delete());

const typed = { nik: '3573 0157', fullName: 'Siti Am', address: { rt: '3' }, consent: { agreed: false } };

describe('drafts', () => {
  it('survive closing the database and opening a new connection', async () => {
    expect(await saveDraft(db, NEW_DRAFT_ID, typed, new Date(NOW))).toEqual({ ok: true });
    db.close();

    const reopened = openJaringDb(name);
    expect(await loadDraft(reopened, NEW_DRAFT_ID)).toEqual({
      id: NEW_DRAFT_ID,
      values: typed,
      updatedAt: NOW,
    });
    reopened.close();
  });

  it('keep one draft per form, the latest values win, and list newest first', async () => {
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'S' }, new Date(minutesAfterNow(0)));
    await saveDraft(db, 'record-1', { fullName: 'Budi' }, new Date(minutesAfterNow(1)));
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti' }, new Date(minutesAfterNow(2)));

    const drafts = await listDrafts(db);
    expect(drafts.map((d) => [d.id, d.values.fullName])).toEqual([
      [NEW_DRAFT_ID, 'Siti'],
      ['record-1', 'Budi'],
    ]);
  });

  it('can be discarded', async () => {
    await saveDraft(db, NEW_DRAFT_ID, typed, new Date(NOW));
    expect(await discardDraft(db, NEW_DRAFT_ID)).toEqual({ ok: true });
    expect(await loadDraft(db, NEW_DRAFT_ID)).toBeUndefined();
  });

  it('report a storage problem instead of throwing', async () => {
    db.close();
    expect(await saveDraft(db, NEW_DRAFT_ID, typed, new Date(NOW))).toEqual({
      ok: false,
      storageError: 'closed',
    });
  });

  it('report values that cannot be stored (a function) as an I/O problem', async () => {
    const result = await saveDraft(db, NEW_DRAFT_ID, { onClick: () => undefined }, new Date(NOW));
    expect(result).toEqual({ ok: false, storageError: 'io' });
  });
});

describe('meta', () => {
  it.each<[string, unknown]>([
    ['language', 'en'],
    ['persistAsked', true],
    ['syncCursor', { cursor: 'abc', at: NOW }],
  ])('stores %s and reads it back after reopening', async (key, value) => {
    await setMeta(db, key, value);
    db.close();
    const reopened = openJaringDb(name);
    expect(await getMeta(reopened, key)).toEqual(value);
    reopened.close();
  });

  it('returns undefined for a key never set', async () => {
    expect(await getMeta(db, 'nothing')).toBeUndefined();
  });
});
