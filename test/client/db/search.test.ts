import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRegistrations,
  openJaringDb,
  saveNewRegistration,
  searchRegistrations,
  type JaringDb,
  type SearchFilters,
  type StoredRegistration,
  type SyncState,
} from '../../../src/client/db';
import { SEARCH_TUNING, type SearchTuning } from '../../../src/client/db/search';
import { isoDateOf } from '../../../src/shared/dates';
import { foldForSearch } from '../../../src/shared/text';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';
import { contextAt, freshDb, freshDbName, minutesAfterNow, storedRow } from './helpers';

const KLOJEN = '3573011005';
const OTHER_KELURAHAN = '3573011001';

let db: JaringDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.delete());

/** Saves people one minute apart, so the last one is the newest. */
async function seedPeople(
  people: Array<{ name: string; kelurahan?: string; state?: SyncState }>,
  firstPerson = 1,
) {
  for (const [i, person] of people.entries()) {
    const address = { ...makeFields().address, kelurahanKode: person.kelurahan ?? KLOJEN };
    const fields = makeFields({ ...uniquePerson(firstPerson + i), fullName: person.name, address });
    const result = await saveNewRegistration(db, fields, contextAt(minutesAfterNow(i)));
    if (!result.ok) throw new Error(JSON.stringify(result));
    if (person.state) await db.registrations.update(result.record.id, { syncState: person.state });
  }
}

const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);

describe('searchRegistrations on a few records', () => {
  beforeEach(() =>
    seedPeople([
      { name: 'Siti Aminah' },
      { name: 'Budi Santoso', kelurahan: OTHER_KELURAHAN, state: 'verified' },
      { name: 'Aminah Sari', state: 'needs_fix' },
      { name: 'Ahmad Amin Fauzi', kelurahan: OTHER_KELURAHAN },
      { name: 'Slamet Riyadi' },
    ]),
  );

  it.each<[string, SearchFilters, string[]]>([
    [
      'no query: everything, newest first',
      {},
      ['Slamet Riyadi', 'Ahmad Amin Fauzi', 'Aminah Sari', 'Budi Santoso', 'Siti Aminah'],
    ],
    [
      'a word prefix anywhere in the name',
      { query: 'amin' },
      ['Ahmad Amin Fauzi', 'Aminah Sari', 'Siti Aminah'],
    ],
    ['any case and accents', { query: 'ÁMIN' }, ['Ahmad Amin Fauzi', 'Aminah Sari', 'Siti Aminah']],
    ['every word must match', { query: 'siti ami' }, ['Siti Aminah']],
    ['words in any order', { query: 'ami siti' }, ['Siti Aminah']],
    ['a later word only', { query: 'santo' }, ['Budi Santoso']],
    ['not a mid-word match', { query: 'mina' }, []],
    ['no match', { query: 'xyz' }, []],
    ['a full NIK', { query: uniquePerson(3).nik }, ['Aminah Sari']],
    [
      'a NIK prefix typed with spaces and dots',
      { query: ' 3573 0101 0180 000' },
      ['Slamet Riyadi', 'Ahmad Amin Fauzi', 'Aminah Sari', 'Budi Santoso', 'Siti Aminah'],
    ],
    ['a full NIK typed with dots', { query: '3573.0101.0180.0005' }, ['Ahmad Amin Fauzi']],
    ['a kelurahan', { kelurahanKode: OTHER_KELURAHAN }, ['Ahmad Amin Fauzi', 'Budi Santoso']],
    ['a sync state', { syncState: 'pending' }, ['Slamet Riyadi', 'Ahmad Amin Fauzi', 'Siti Aminah']],
    ['kelurahan and state', { kelurahanKode: OTHER_KELURAHAN, syncState: 'verified' }, ['Budi Santoso']],
    ['a query and a kelurahan', { query: 'amin', kelurahanKode: KLOJEN }, ['Aminah Sari', 'Siti Aminah']],
    ['a query and a state', { query: 'amin', syncState: 'needs_fix' }, ['Aminah Sari']],
    ['a limit', { limit: 2 }, ['Slamet Riyadi', 'Ahmad Amin Fauzi']],
    ['a query with a limit', { query: 'amin', limit: 1 }, ['Ahmad Amin Fauzi']],
    ['only punctuation: no query', { query: ' .- ', limit: 1 }, ['Slamet Riyadi']],
  ])('finds by %s', async (_label, filters, expected) => {
    expect(names(await searchRegistrations(db, filters))).toEqual(expected);
  });

  it('lists a record whose two name words share the prefix once', async () => {
    await seedPeople([{ name: 'Sri Srikandi' }], 100);
    expect(names(await searchRegistrations(db, { query: 'sri' }))).toEqual(['Sri Srikandi']);
  });
});

describe('searchRegistrations on many records', () => {
  const STATES: SyncState[] = ['pending', 'sent', 'verified', 'needs_fix', 'duplicate'];
  const FIRST_NAMES = ['Sri', 'Siti', 'Slamet', 'Budi', 'Agus'];
  const KELURAHANS = [KLOJEN, OTHER_KELURAHAN, '3573011002'];
  const many = { name: freshDbName(), rows: [] as StoredRegistration[] };
  let manyDb: JaringDb;

  /** 1,800 rows, enough for every step of the search: "kidul" and "kulon" each name 1,200 people, both 600. */
  function nameOf(i: number): string {
    const kidul = i % 3 !== 0 ? 'Kidul' : '';
    const kulon = i % 3 !== 1 ? 'Kulon' : '';
    return `${FIRST_NAMES[i % 5]} Warga ${kidul} ${kulon} ${i}`;
  }

  beforeAll(async () => {
    many.rows = Array.from({ length: 1800 }, (_, i) =>
      storedRow(i + 1, {
        fullName: nameOf(i),
        kelurahanKode: KELURAHANS[i % 3]!,
        syncState: STATES[i % 5]!,
        updatedAt: minutesAfterNow((i * 7919) % 1800), // shuffled in time, all distinct
      }),
    );
    manyDb = openJaringDb(many.name);
    await manyDb.registrations.bulkAdd(many.rows);
  });
  afterAll(() => manyDb.delete());

  /**
   * Smaller first chunks make the same queries read in many chunks, cut inside the ranges, and
   * choose between sources on fewer rows ("kidul kulon" in a kelurahan and state, "warga 1799").
   */
  const SMALL_TUNINGS: SearchTuning[] = [{ firstRowChunk: 20 }, { firstRowChunk: 7 }, { firstRowChunk: 1 }];

  /** What the answer must be, computed the slow, obvious way. */
  function expected(filters: SearchFilters): string[] {
    const text = filters.query?.trim() ?? '';
    const digits = text.replace(/[\s.]/g, '');
    const words = text.split(/\s+/).map(foldForSearch).filter(Boolean);
    const matchesQuery = (r: StoredRegistration) =>
      /^\d+$/.test(digits)
        ? r.nik.startsWith(digits)
        : words.every((w) => r.nameWords.some((n) => n.startsWith(w)));
    return many.rows
      .filter(matchesQuery)
      .filter((r) => !filters.kelurahanKode || r.kelurahanKode === filters.kelurahanKode)
      .filter((r) => !filters.syncState || r.syncState === filters.syncState)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, filters.limit ?? 50)
      .map((r) => r.id);
  }

  it.each<[string, SearchFilters]>([
    ['a name prefix shared by 360 people', { query: 'sri' }],
    ['a rare word next to a common one', { query: 'warga 1799' }],
    ['two common words sharing 600 people', { query: 'kidul kulon' }],
    [
      'two common words sharing 600 people, in one kelurahan and state',
      { query: 'kidul kulon', kelurahanKode: '3573011002', syncState: 'sent' },
    ],
    ['a name prefix shared by everyone', { query: 'warga', limit: 20 }],
    ['everyone, in one kelurahan and state', { query: 'w', kelurahanKode: KLOJEN, syncState: 'verified' }],
    ['everyone, in one state', { query: 'warga', syncState: 'duplicate' }],
    ['a NIK prefix shared by everyone', { query: '3573' }],
    [
      'a NIK prefix shared by everyone, in one kelurahan',
      { query: '3573 01', kelurahanKode: OTHER_KELURAHAN },
    ],
    ['a NIK prefix shared by the oldest-numbered 1,000', { query: '357301010180' }],
    ['a NIK prefix shared by 10', { query: '357301010180010' }],
    ['only filters', { kelurahanKode: OTHER_KELURAHAN, syncState: 'duplicate', limit: 100 }],
    ['only a state', { syncState: 'needs_fix', limit: 7 }],
    ['nothing', { limit: 30 }],
  ])('matches a full scan for %s', async (_label, filters) => {
    for (const tuning of [SEARCH_TUNING, ...SMALL_TUNINGS]) {
      const rows = await searchRegistrations(manyDb, filters, tuning);
      expect(rows.map((r) => r.id)).toEqual(expected(filters));
      expect(rows.length).toBeGreaterThan(0);
    }
  });
});

describe('countRegistrations', () => {
  it('counts today, total, waiting and needing attention', async () => {
    const yesterday = new Date(Date.parse(NOW) - 86_400_000).toISOString();
    await saveNewRegistration(
      db,
      makeFields({ ...uniquePerson(99), fullName: 'Kemarin' }),
      contextAt(yesterday),
    );
    await seedPeople([
      { name: 'A' },
      { name: 'B', state: 'needs_fix' },
      { name: 'C', state: 'duplicate' },
      { name: 'D', state: 'verified' },
      { name: 'E', state: 'sent' },
    ]);
    expect(await countRegistrations(db, isoDateOf(new Date(NOW)))).toEqual({
      today: 5,
      total: 6,
      waiting: 2,
      needsAttention: 2,
    });
  });

  it('counts nothing in an empty database', async () => {
    expect(await countRegistrations(db, '2026-11-23')).toEqual({
      today: 0,
      total: 0,
      waiting: 0,
      needsAttention: 0,
    });
  });
});
