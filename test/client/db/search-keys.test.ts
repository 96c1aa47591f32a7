/**
 * The search keys: which prefixes a record is indexed under, that every way of writing a row keeps
 * them in step with its name, NIK and time, and that they never leave the phone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openJaringDb,
  saveNewRegistration,
  toPushPayload,
  type JaringDb,
  type StoredRegistration,
} from '../../../src/client/db';
import { searchKeyRange, searchKeysOf } from '../../../src/client/db/search-keys';
import { slimmed } from '../../../src/client/db/slim';
import { makeFields, NOW } from '../../fixtures/registrations';
import { contextAt, freshDbName, minutesAfterNow, storedRow } from './helpers';

const heads = (keys: string[] | undefined) => (keys ?? []).map((key) => key.split(' ')[0]).sort();

let db: JaringDb;
beforeEach(() => {
  db = openJaringDb(freshDbName());
});
afterEach(() => db.delete());

describe('searchKeysOf', () => {
  it('lists name-word prefixes of 1, 3 and 5 letters once and NIK prefixes of 1 to 10 digits, with the time', () => {
    const row = storedRow(1, { fullName: 'Sri Srikandi Ani', nik: '3573015708750001', updatedAt: NOW });
    const keys = searchKeysOf(row);
    expect(heads(keys)).toEqual(
      [...['s', 'sri', 'srika', 'a', 'ani'], ...['3', '35', '3573', '357301', '35730157', '3573015708']]
        .map((head) => (/^\d/.test(head) ? `#${head}` : head))
        .sort(),
    );
    expect(keys.every((key) => key.endsWith(` ${NOW}`))).toBe(true);
    // A query's range holds the key: the walk reads exactly these.
    const range = searchKeyRange('name', 'srikandi');
    const inRange = keys.filter((key) => key >= range.lowest && key <= range.highest);
    expect(inRange).toEqual([`srika ${NOW}`]);
    // A prefix between indexed lengths reads the range of the shorter one.
    const inRangeOf = (r: { lowest: string; highest: string }) =>
      keys.filter((key) => key >= r.lowest && key <= r.highest);
    expect(inRangeOf(searchKeyRange('name', 'sr'))).toEqual([`s ${NOW}`]);
    expect(inRangeOf(searchKeyRange('nik', '3573015'))).toEqual([`#357301 ${NOW}`]);
  });

  it('gives a slimmed record its name keys only: no digit of the NIK is indexed', () => {
    const row = storedRow(2, { fullName: 'Kasiyem', nikHash: 'x'.repeat(64) });
    expect(heads(searchKeysOf(slimmed(row, NOW)))).toEqual(['k', 'kas', 'kasiy']);
  });
});

describe('the keys in the database', () => {
  it('follow every write of the row: save, update(), a slimming put', async () => {
    const saved = await saveNewRegistration(db, makeFields({ fullName: 'Budi Santoso' }), contextAt());
    if (!saved.ok) throw new Error('not saved');
    const { id } = saved.record;
    const stored = async () => (await db.registrations.get(id))!;
    expect((await stored()).searchKeys).toEqual(searchKeysOf(saved.record));

    const later = minutesAfterNow(5);
    await db.registrations.update(id, { updatedAt: later, fullName: 'Budi', nameWords: ['budi'] });
    expect((await stored()).searchKeys).toEqual(
      searchKeysOf({ ...saved.record, updatedAt: later, nameWords: ['budi'] }),
    );

    await db.registrations.put(slimmed((await stored()) as StoredRegistration, later));
    expect(heads((await stored()).searchKeys)).toEqual(['b', 'bud']);
  });

  it('are not sent to the registry', async () => {
    const saved = await saveNewRegistration(db, makeFields(), contextAt());
    if (!saved.ok) throw new Error('not saved');
    const stored = (await db.registrations.get(saved.record.id)) as StoredRegistration;
    expect(stored.searchKeys?.length).toBeGreaterThan(0);
    expect(toPushPayload(stored)).not.toHaveProperty('searchKeys');
  });
});
