/**
 * Searching registrations for the list screen: NIK prefix or name-word prefix, filters by kelurahan
 * and sync state, newest first (updatedAt descending, ties by id descending). Built to stay fast at
 * 100,000 records on a cheap phone. In Chromium an index `count()` walks its range entry by entry and
 * a key costs about half what a row costs to read, so the search never counts, and reads keys only to
 * learn whether a term is narrow:
 *  1. walk the newest-first index (narrowed by kelurahan or state) for firstRowChunk rows and keep
 *     those that match. A common term ("s", "3573") is done here or soon after, so:
 *  2. unless the matches met so far say the walk will end within probeMax more rows, probe the
 *     term that matched fewest rows walked (the likely narrowest) for up to probeMax keys; if it has
 *     no more, read its rows (one getAll) and sort them in memory;
 *  3. otherwise walk on, in chunks sized by the matches met so far, until `limit` rows match;
 *  4. several wide terms may rarely meet (say "sri n"): when the walk looks to need over rowWalkMax
 *     rows, probe the fewest-hit term for as many keys as rows still needed; read its rows if it has
 *     no more, else walk on.
 * At 100,000 rows a query reads about firstRowChunk rows, probeMax keys and min(probeMax, 100,000 ×
 * limit / matches) rows; only several wide terms that rarely meet read more.
 */
import Dexie, { type Collection, type InsertType } from 'dexie';
import { normalizeNikInput } from '../../shared/nik';
import { nameSearchWords } from '../../shared/text';
import type { JaringDb } from './database';
import { walkIndexFor, walkNewestFirst, type NewestFirstWalk } from './search-walk';
import { isSlim, type PhoneRecord, type SyncState } from './types';
import { sha256Hex } from '../../shared/sha256';

const NIK_LENGTH = 16;

export interface SearchFilters {
  /** Digits (spaces and dots allowed): NIK prefix. Otherwise: each word prefixes a word of the name. */
  query?: string;
  kelurahanKode?: string;
  syncState?: SyncState;
  /** Default 50. */
  limit?: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;

/** Where the steps switch. Tests shrink these to reach every step with a few dozen records. */
export interface SearchTuning {
  /** Rows read newest first before anything else. */
  firstRowChunk: number;
  /** A term's index range is probed for up to this many keys; a term with no more has its rows read. */
  probeMax: number;
  /** Rows a walk for several terms may read before it looks for a term to read instead. */
  rowWalkMax: number;
}

/**
 * Measured in Chromium at 100,000 records, where a row costs about two keys to read: reading a
 * term's K rows beats walking 100,000 × 50 / K rows (about 1.4 times that, with the chunks' overshoot)
 * up to K ≈ 2,500.
 */
export const SEARCH_TUNING: SearchTuning = { firstRowChunk: 200, probeMax: 2500, rowWalkMax: 3000 };

type RegistrationCollection = Collection<PhoneRecord, string, InsertType<PhoneRecord, 'id'>>;
type ParsedQuery = { kind: 'none' } | { kind: 'nik'; prefix: string } | { kind: 'name'; words: string[] };
type Query = Exclude<ParsedQuery, { kind: 'none' }>;

export function parseSearchQuery(query: string | undefined): ParsedQuery {
  const text = query?.trim() ?? '';
  const digits = normalizeNikInput(text);
  if (/^\d+$/.test(digits)) return { kind: 'nik', prefix: digits };
  const words = nameSearchWords(text);
  return words.length > 0 ? { kind: 'name', words } : { kind: 'none' };
}

function matchesFilters(record: PhoneRecord, filters: SearchFilters): boolean {
  return (
    (filters.kelurahanKode === undefined || record.kelurahanKode === filters.kelurahanKode) &&
    (filters.syncState === undefined || record.syncState === filters.syncState)
  );
}

/** Newest first, with ties in the order a reversed index gives them (primary key descending). */
function byNewest(a: PhoneRecord, b: PhoneRecord): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Rows passing the filters, newest first, from the narrowest `…updatedAt` index (as the walk uses). */
function newestFirst(db: JaringDb, filters: SearchFilters): RegistrationCollection {
  const index = walkIndexFor(filters);
  return db.registrations.where(index.name).between(index.lowest, index.keyAt(Dexie.maxKey)).reverse();
}

/** A query term: its index range, and the same test on a row. A record matches if it is in every one. */
interface Term {
  range(): RegistrationCollection;
  matches(record: PhoneRecord): boolean;
}

function termsOf(db: JaringDb, query: Query): Term[] {
  if (query.kind === 'nik') {
    const { prefix } = query;
    return [
      {
        // A whole NIK also finds a slimmed record, which keeps only the NIK's hash (db/retention.ts).
        range: () =>
          prefix.length === NIK_LENGTH
            ? db.registrations.where('nikHash').equals(sha256Hex(prefix))
            : db.registrations.where('nik').startsWith(prefix),
        matches: (r) =>
          isSlim(r)
            ? prefix.length === NIK_LENGTH && r.nikHash === sha256Hex(prefix)
            : r.nik.startsWith(prefix),
      },
    ];
  }
  return query.words.map((word) => ({
    range: () => db.registrations.where('nameWords').startsWith(word),
    matches: (r) => r.nameWords.some((nameWord) => nameWord.startsWith(word)),
  }));
}

/** What the steps of one search share. */
interface Search {
  terms: Term[];
  isMatch: (record: PhoneRecord) => boolean;
  limit: number;
  tune: SearchTuning;
  walk: NewestFirstWalk;
}

/** What the newest-first walk has met: matching rows, rows read, and per term the rows it matched. */
interface Walked {
  found: PhoneRecord[];
  read: number;
  termHits: number[];
  isComplete: boolean;
}

/** Sorted rows matching the query among `rows` (a multiEntry range may hold a row twice). */
function sortMatches({ isMatch, limit }: Search, rows: PhoneRecord[]) {
  const unique = new Map(rows.filter(isMatch).map((row) => [row.id, row]));
  return [...unique.values()].sort(byNewest).slice(0, limit);
}

/** Entries in the term's index range, counted up to max + 1 (by reading keys: no count() walk). */
async function sizeUpTo(term: Term, max: number) {
  const keys = await term
    .range()
    .limit(max + 1)
    .primaryKeys();
  return keys.length;
}

/** The term that matched the fewest rows walked: most likely the narrowest. */
function fewestHits({ terms }: Search, { termHits }: Walked): Term {
  return terms[termHits.indexOf(Math.min(...termHits))]!;
}

/** Rows the walk still has to read for `limit` matches, going by the matches met so far. */
function rowsStillNeeded({ limit }: Search, { found, read }: Walked) {
  return Math.ceil(((limit - found.length) * read) / Math.max(found.length, 0.5));
}

/**
 * Steps 1 and 3: newest-first rows that match, until `limit` match or the range ends (complete), or
 * until `readMax` rows were read or look not to suffice (incomplete).
 */
async function walkRows(search: Search, walked: Walked, readMax: number): Promise<Walked> {
  const { isMatch, limit, terms, tune, walk } = search;
  const state = { ...walked, found: [...walked.found], termHits: [...walked.termHits] };
  for (;;) {
    const needed = rowsStillNeeded(search, state);
    if (state.read >= readMax || needed > readMax - state.read) return state;
    // A quarter more than predicted, so one more chunk usually suffices; at most 4× what was read.
    const growth = Math.min(Math.ceil(needed * 1.25), 4 * Math.max(state.read, tune.firstRowChunk));
    const count = Math.min(readMax - state.read, Math.max(tune.firstRowChunk, growth));
    const rows = await walk.nextRows(count);
    state.read += rows.length;
    for (const row of rows) {
      terms.forEach((term, i) => (state.termHits[i]! += term.matches(row) ? 1 : 0));
      if (isMatch(row)) state.found.push(row);
      if (state.found.length === limit) return { ...state, isComplete: true };
    }
    if (rows.length < count) return { ...state, isComplete: true };
  }
}

async function searchByTerms(search: Search) {
  const { terms, tune } = search;
  const start: Walked = { found: [], read: 0, termHits: terms.map(() => 0), isComplete: false };
  const first = await walkRows(search, start, tune.firstRowChunk);
  if (first.isComplete) return first.found;
  if (rowsStillNeeded(search, first) > tune.probeMax) {
    const narrowest = fewestHits(search, first);
    if ((await sizeUpTo(narrowest, tune.probeMax)) <= tune.probeMax) {
      return sortMatches(search, await narrowest.range().toArray());
    }
  }
  const isOneTerm = terms.length === 1; // one wide term: walking on is the cheapest way
  const walked = await walkRows(search, first, isOneTerm ? Infinity : tune.rowWalkMax);
  if (walked.isComplete) return walked.found;
  // Several wide terms that rarely meet: read the narrowest one's rows if it has no more than the rows
  // walking on would read. (A guess from few matches: reading K rows is the surer cost.)
  const narrowest = fewestHits(search, walked);
  const worthReading = rowsStillNeeded(search, walked);
  if ((await sizeUpTo(narrowest, worthReading)) <= worthReading) {
    return sortMatches(search, await narrowest.range().toArray());
  }
  return (await walkRows(search, walked, Infinity)).found;
}

export async function searchRegistrations(
  db: JaringDb,
  filters: SearchFilters = {},
  tune: SearchTuning = SEARCH_TUNING,
): Promise<PhoneRecord[]> {
  const limit = filters.limit ?? DEFAULT_SEARCH_LIMIT;
  const query = parseSearchQuery(filters.query);
  if (query.kind === 'none') {
    const { kelurahanKode, syncState } = filters;
    const newest = newestFirst(db, filters);
    // With both filters the kelurahan range (a few thousand rows at most) is narrowed by state.
    const narrowed =
      kelurahanKode !== undefined && syncState !== undefined
        ? newest.filter((r) => r.syncState === syncState)
        : newest;
    return narrowed.limit(limit).toArray();
  }
  if (limit <= 0) return [];
  const terms = termsOf(db, query);
  const isMatch = (r: PhoneRecord) => terms.every((t) => t.matches(r)) && matchesFilters(r, filters);
  // One read transaction: the walks read chunk after chunk of an index that must not change meanwhile.
  // (An async scope: Dexie keeps the transaction's zone across its awaits only for one.)
  return db.transaction('r', db.registrations, async () => {
    const walk = walkNewestFirst(db, walkIndexFor(filters));
    return searchByTerms({ terms, isMatch, limit, tune, walk });
  });
}
