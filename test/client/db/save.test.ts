import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findByNik,
  getRegistration,
  loadDraft,
  NEW_DRAFT_ID,
  openJaringDb,
  queueForSync,
  saveDraft,
  saveNewRegistration,
  type JaringDb,
  type SaveResult,
} from '../../../src/client/db';
import { makeFields, NOW, uniquePerson, VALID_NIK } from '../../fixtures/registrations';
import { contextAt, freshDb, freshDbName, rowCounts } from './helpers';

let db: JaringDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.delete());

function saved(result: SaveResult) {
  if (!result.ok) throw new Error(`expected a saved record, got ${JSON.stringify(result)}`);
  return result.record;
}

describe('saveNewRegistration', () => {
  it('writes the record, its outbox entry and drops the new-registration draft in one go', async () => {
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti' }, new Date(NOW));
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt()));

    expect(record).toMatchObject({
      nik: VALID_NIK,
      version: 1,
      syncState: 'pending',
      createdAt: NOW,
      updatedAt: NOW,
      kelurahanKode: '3573011005',
      nameWords: ['siti', 'aminah'],
    });
    expect(await getRegistration(db, record.id)).toEqual(record);
    expect(await db.outbox.get(record.id)).toEqual({
      recordId: record.id,
      version: 1,
      payloadVersion: 1,
      state: 'pending',
      leaseUntil: 0,
      attempts: 0,
      enqueuedAt: NOW,
    });
    expect(await loadDraft(db, NEW_DRAFT_ID)).toBeUndefined();
  });

  it('stores what was typed in canonical form', async () => {
    const typed = {
      ...makeFields(),
      nik: '3573 0157.0875-0001',
      fullName: '  Siti   Aminah ',
      phone: '0812-3456-7890',
      address: { ...makeFields().address, rt: '3', rw: '5' },
    };
    const record = saved(await saveNewRegistration(db, typed, contextAt()));
    expect(record).toMatchObject({ nik: VALID_NIK, fullName: 'Siti Aminah', phone: '+6281234567890' });
    expect(record.address).toMatchObject({ rt: '003', rw: '005' });
  });

  it('returns warnings with a saved record (NIK gender differs from the one entered)', async () => {
    const result = await saveNewRegistration(db, makeFields({ gender: 'L' }), contextAt());
    expect(result.ok && result.warnings).toContainEqual({ field: 'gender', code: 'nik_gender_mismatch' });
  });

  it.each([
    ['a short NIK', makeFields({ nik: '357301570875' }), 'nik'],
    ['an empty name', makeFields({ fullName: '   ' }), 'fullName'],
    [
      'an unknown kelurahan',
      makeFields({ address: { ...makeFields().address, kelurahanKode: '3573999999' } }),
      'address.kelurahanKode',
    ],
    ['no consent', { ...makeFields(), consent: undefined }, 'consent'],
    ['null', null, 'nik'],
    ['a string', 'Siti Aminah', 'nik'],
  ])('refuses %s and writes nothing', async (_label, input, field) => {
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti' }, new Date(NOW));
    const result = await saveNewRegistration(db, input, contextAt());

    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok === false && result.reason === 'invalid' && result.errors.map((e) => e.field)).toContain(
      field,
    );
    expect(await rowCounts(db)).toEqual({ registrations: 0, outbox: 0, drafts: 1 });
  });
});

describe('a NIK already on this phone', () => {
  it.each([
    ['exactly', VALID_NIK],
    ['with spaces', '3573 0157 0875 0001'],
    ['with dots', '3573.0157.0875.0001'],
    ['with dashes and spaces', ' 357301-570875-0001 '],
  ])('is refused when typed %s, with a pointer to the existing record', async (_label, nik) => {
    const first = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    const second = await saveNewRegistration(db, makeFields({ nik, fullName: 'Siti Lain' }), contextAt());

    expect(second).toEqual({
      ok: false,
      reason: 'duplicate_nik',
      existing: { id: first.id, fullName: 'Siti Aminah', kelurahanKode: '3573011005' },
    });
    expect(await rowCounts(db)).toMatchObject({ registrations: 1, outbox: 1 });
    expect((await findByNik(db, nik))?.id).toBe(first.id);
  });

  it('is refused for one of two tabs saving the same NIK at the same moment', async () => {
    const otherTab = openJaringDb(db.name);
    const results = await Promise.all([
      saveNewRegistration(db, makeFields(), contextAt()),
      saveNewRegistration(otherTab, makeFields({ fullName: 'Siti Kembar' }), contextAt()),
    ]);
    otherTab.close();

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'duplicate_nik')).toHaveLength(1);
    expect(await rowCounts(db)).toMatchObject({ registrations: 1, outbox: 1 });
  });

  it('is refused by the unique index inside the save: nothing written, the draft kept', async () => {
    const first = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti Lain' }, new Date(NOW));
    const second = await saveNewRegistration(db, makeFields({ fullName: 'Siti Lain' }), contextAt());

    // The record, outbox and draft writes were issued together; the ConstraintError undid all three.
    expect(second).toMatchObject({ ok: false, reason: 'duplicate_nik', existing: { id: first.id } });
    expect(await rowCounts(db)).toEqual({ registrations: 1, outbox: 1, drafts: 1 });
    expect((await db.outbox.toArray()).map((entry) => entry.recordId)).toEqual([first.id]);
  });

  it('reports a ConstraintError as storage when no holder can be found (a reused id, not the NIK)', async () => {
    const first = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    const reusedId = { now: new Date(NOW), newId: () => first.id };
    const result = await saveNewRegistration(db, makeFields({ ...uniquePerson(9) }), reusedId);

    expect(result).toMatchObject({ ok: false, reason: 'storage' });
    expect(await getRegistration(db, first.id)).toEqual(first); // add, never overwrite
    expect(await rowCounts(db)).toMatchObject({ registrations: 1, outbox: 1 });
  });

  it('does not stop a different person', async () => {
    await saveNewRegistration(db, makeFields(), contextAt());
    const other = await saveNewRegistration(
      db,
      makeFields({ ...uniquePerson(7), fullName: 'Budi' }),
      contextAt(),
    );
    expect(other.ok).toBe(true);
    expect(await rowCounts(db)).toMatchObject({ registrations: 2, outbox: 2 });
  });
});

describe('storage failures', () => {
  it.each([
    ['the phone is full', () => new DOMException('disk full', 'QuotaExceededError'), 'quota'],
    [
      'Dexie wraps a quota error',
      () => new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')),
      'quota',
    ],
    ['the browser fails to write', () => new DOMException('io', 'UnknownError'), 'io'],
    ['the write is aborted', () => new DOMException('abort', 'AbortError'), 'io'],
    ['something unexpected', () => new TypeError('boom'), 'unknown'],
  ])('leave nothing half-written when %s after the record put', async (_label, makeError, code) => {
    await saveDraft(db, NEW_DRAFT_ID, { fullName: 'Siti' }, new Date(NOW));
    // The outbox write runs after the record put inside the same transaction; make it fail.
    db.outbox.hook('creating', () => {
      throw makeError();
    });
    const result = await saveNewRegistration(db, makeFields(), contextAt());

    expect(result).toEqual({ ok: false, reason: 'storage', storageError: code });
    expect(await rowCounts(db)).toEqual({ registrations: 0, outbox: 0, drafts: 1 });
    expect(await findByNik(db, VALID_NIK)).toBeUndefined();
  });

  it('reports a closed database as closed', async () => {
    db.close();
    expect(await saveNewRegistration(db, makeFields(), contextAt())).toEqual({
      ok: false,
      reason: 'storage',
      storageError: 'closed',
    });
  });

  it('keeps the outbox write inside the save transaction (queueForSync refuses to run alone)', async () => {
    const record = saved(await saveNewRegistration(db, makeFields(), contextAt()));
    await expect(queueForSync(db, record)).rejects.toThrow(/inside the rw transaction/);
  });

  it('survives reopening: a saved record is there for a new connection', async () => {
    const name = freshDbName();
    const first = openJaringDb(name);
    const record = saved(await saveNewRegistration(first, makeFields(), contextAt()));
    first.close();
    const second = openJaringDb(name);
    expect(await getRegistration(second, record.id)).toEqual(record);
    await second.delete();
  });
});
