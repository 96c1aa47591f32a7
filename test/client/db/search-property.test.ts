/**
 * Search as a property: for any set of records (few name words, shared NIK prefixes, many equal
 * updatedAt times, some slimmed, some edited after they were written), any query and filters, and any
 * first chunk, `searchRegistrations` returns exactly what filtering every record and sorting them
 * newest first (ties by id descending) returns. Small chunks make a few dozen records take every
 * step: one source walked to its end, a choice between several, chunks cut inside a run of equal
 * times, prefixes longer than the index keeps (words of 6 and 7 letters, NIK prefixes past 10 digits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openJaringDb, type JaringDb, type SearchFilters } from '../../../src/client/db';
import { searchRegistrations, SEARCH_TUNING, type SearchTuning } from '../../../src/client/db/search';
import { slimmed } from '../../../src/client/db/slim';
import { isSlim, type PhoneRecord } from '../../../src/client/db/types';
import { sha256Hex } from '../../../src/shared/sha256';
import { nameSearchWords } from '../../../src/shared/text';
import { freshDbName, minutesAfterNow, storedRow } from './helpers';

const WORDS = ['sri', 'siti', 'slamet', 'sugeng', 'budi', 'bambang', 'ani', 'anik'];
const NIK_HEADS = ['3573010101', '3573010102', '3573020101'];
const KELURAHANS = ['3573011001', '3573011002', '3573011005'];
const STATES = ['pending', 'sent', 'verified', 'needs_fix', 'duplicate'] as const;

const recordArb = fc.record({
  words: fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
  nikHead: fc.constantFrom(...NIK_HEADS),
  minute: fc.integer({ min: 0, max: 12 }), // few distinct times: many ties
  kelurahanKode: fc.constantFrom(...KELURAHANS),
  syncState: fc.constantFrom(...STATES),
  isSlim: fc.boolean(),
});

/** A later write to record `at` (modulo the records' count): a new time, and maybe a new name. */
const editArb = fc.record({
  at: fc.nat(),
  minute: fc.integer({ min: 0, max: 14 }),
  words: fc.option(fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 })),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

const prefixArb = (word: string) => fc.integer({ min: 1, max: word.length }).map((n) => word.slice(0, n));
const wordPrefixArb = fc.constantFrom(...WORDS).chain(prefixArb);
const queryArb = fc.oneof(
  fc.constant(undefined),
  wordPrefixArb,
  fc.tuple(wordPrefixArb, wordPrefixArb).map(([a, b]) => `${a} ${b}`),
  fc.tuple(wordPrefixArb, wordPrefixArb).map(([a, b]) => `${a} ${b}`), // twice: several terms take more steps
  fc.constantFrom(...NIK_HEADS.map((head) => `${head}00000`)).chain(prefixArb),
  // A whole NIK, of one of the first records: a slimmed one is found by its hash.
  fc
    .tuple(fc.constantFrom(...NIK_HEADS), fc.integer({ min: 0, max: 5 }))
    .map(([head, i]) => `${head}${String(i).padStart(6, '0')}`),
  fc.constant('xyz'),
);

const filtersArb: fc.Arbitrary<SearchFilters> = fc.record(
  {
    query: queryArb,
    kelurahanKode: fc.constantFrom(...KELURAHANS),
    syncState: fc.constantFrom(...STATES),
    limit: fc.integer({ min: 1, max: 12 }),
  },
  { requiredKeys: [] },
);

const tuningArb: fc.Arbitrary<SearchTuning> = fc.oneof(
  fc.constant(SEARCH_TUNING),
  fc.record({ firstRowChunk: fc.integer({ min: 1, max: 8 }) }),
);

type RecordSpec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

function rowsOf(records: RecordSpec[]): PhoneRecord[] {
  return records.map((r, i) => {
    const row = storedRow(i + 1, {
      // Ids in no relation to time, so a tie in updatedAt is broken by something other than insertion.
      id: `r-${String((i * 7919) % 1009).padStart(4, '0')}-${i}`,
      fullName: r.words.join(' '),
      nik: `${r.nikHead}${String(i).padStart(6, '0')}`,
      updatedAt: minutesAfterNow(r.minute),
      kelurahanKode: r.kelurahanKode,
      syncState: r.syncState,
      nikHash: sha256Hex(`${r.nikHead}${String(i).padStart(6, '0')}`),
    });
    return r.isSlim ? slimmed(row, NOW_ISO) : row;
  });
}

const NOW_ISO = minutesAfterNow(0);

/** Applies the edits through Dexie's update() (which the index keys must follow) and to `rows`. */
async function applyEdits(db: JaringDb, rows: PhoneRecord[], edits: Edit[]) {
  for (const edit of edits) {
    if (rows.length === 0) return;
    const i = edit.at % rows.length;
    const fullName = edit.words?.join(' ');
    const changes = {
      updatedAt: minutesAfterNow(edit.minute),
      ...(fullName && { fullName, nameWords: nameSearchWords(fullName) }),
    };
    await db.registrations.update(rows[i]!.id, changes);
    rows[i] = { ...rows[i]!, ...changes };
  }
}

/** The answer the slow, obvious way: test every record, sort all, keep the first `limit`. */
function expectedIds(rows: PhoneRecord[], filters: SearchFilters): string[] {
  const text = filters.query?.trim() ?? '';
  const words = text.split(/\s+/).filter(Boolean);
  // A slimmed record keeps no NIK, only its hash: a whole NIK finds it, a part does not.
  const matchesNik = (r: PhoneRecord) =>
    isSlim(r) ? text.length === 16 && r.nikHash === sha256Hex(text) : r.nik.startsWith(text);
  const matchesQuery = (r: PhoneRecord) =>
    /^\d+$/.test(text) ? matchesNik(r) : words.every((w) => r.nameWords.some((n) => n.startsWith(w)));
  return rows
    .filter(matchesQuery)
    .filter((r) => filters.kelurahanKode === undefined || r.kelurahanKode === filters.kelurahanKode)
    .filter((r) => filters.syncState === undefined || r.syncState === filters.syncState)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, filters.limit ?? 50)
    .map((r) => r.id);
}

describe('searchRegistrations as a property', () => {
  it('returns what a full scan returns, in the same order, whatever steps it takes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { maxLength: 80, size: 'max' }),
        fc.array(editArb, { maxLength: 10 }),
        fc.array(fc.tuple(filtersArb, tuningArb), { minLength: 1, maxLength: 12 }),
        async (records, edits, searches) => {
          const rows = rowsOf(records);
          const db = openJaringDb(freshDbName());
          try {
            await db.registrations.bulkAdd(rows);
            await applyEdits(db, rows, edits);
            for (const [filters, tuning] of searches) {
              const found = await searchRegistrations(db, filters, tuning);
              expect(found.map((r) => r.id)).toEqual(expectedIds(rows, filters));
            }
          } finally {
            await db.delete();
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);
});
