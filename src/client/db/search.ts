/**
 * Searching registrations for the list screen: NIK prefix or name-word prefix, filters by kelurahan
 * and sync state, newest first (updatedAt descending, ties by id descending). Built to stay fast at
 * 100,000 records on a cheap phone, where each index entry or row read costs 10–25 µs, so a search
 * reads about `limit` rows whenever it can:
 *  - every source it may read gives rows in the list's order and holds every match: a query term's
 *    `searchKeys` range (search-keys.ts: the records holding that prefix, newest first) or, with
 *    filters, the filter's `…updatedAt` index. Reading any one of them until `limit` rows match (or
 *    it ends) gives the exact answer;
 *  - with one source (one word or a NIK prefix, no filters) that is what it does: a word's range
 *    holds only matches, so it reads `limit` rows (more only for a prefix longer than the index keeps);
 *  - with several (several words, or filters) it reads a first chunk of each, at once, and goes on
 *    with the one whose matches so far predict the fewest rows still to read.
 * A whole NIK is looked up by its hash (one row at most; a slimmed record keeps only the hash).
 * No `count()` (Chromium walks the range to count) and no key intersection.
 */
import type { Collection, InsertType } from 'dexie';
import { normalizeNikInput } from '../../shared/nik';
import { nameSearchWords } from '../../shared/text';
import type { JaringDb } from './database';
import {
  walkIndexFor,
  walkIndexForPrefix,
  walkNewestFirst,
  type NewestFirstWalk,
  type WalkIndex,
} from './search-walk';
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

/** Tests shrink the first chunk to cut walks inside runs of equal times with a few dozen records. */
export interface SearchTuning {
  /** Rows read from each source before choosing one. */
  firstRowChunk: number;
}

/** A first chunk of `limit` rows: a single word's range is done in one read. */
export const SEARCH_TUNING: SearchTuning = { firstRowChunk: DEFAULT_SEARCH_LIMIT };

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

/** Rows passing the filters, newest first, from the narrowest `…updatedAt` index (as the walk uses). */
function newestFirst(db: JaringDb, filters: SearchFilters): RegistrationCollection {
  const index = walkIndexFor(filters);
  return db.registrations.where(index.name).between(index.lowest, index.highest).reverse();
}

/** A query term: the same test on a row, and the index range that holds every row it matches. */
interface Term {
  source: WalkIndex;
  matches(record: PhoneRecord): boolean;
}

function termsOf(query: Query): Term[] {
  if (query.kind === 'nik') {
    const { prefix } = query;
    // A slimmed record has no NIK: only a whole NIK finds it (by its hash, see wholeNikMatches).
    return [
      {
        source: walkIndexForPrefix('nik', prefix),
        matches: (r) => !isSlim(r) && r.nik.startsWith(prefix),
      },
    ];
  }
  return query.words.map((word) => ({
    source: walkIndexForPrefix('name', word),
    matches: (r) => r.nameWords.some((nameWord) => nameWord.startsWith(word)),
  }));
}

/** What the walks of one search share. */
interface Search {
  isMatch: (record: PhoneRecord) => boolean;
  limit: number;
  tune: SearchTuning;
}

/** What a walk over one source has met: matching rows and rows read. */
interface Walked {
  walk: NewestFirstWalk;
  found: PhoneRecord[];
  read: number;
  isComplete: boolean;
}

/** Rows the walk still has to read for `limit` matches, going by the matches met so far. */
function rowsStillNeeded({ limit }: Search, { found, read }: Walked) {
  return Math.ceil(((limit - found.length) * read) / Math.max(found.length, 0.5));
}

/**
 * Newest-first rows of one source that match, until `limit` match or the source ends (complete), or
 * until `readMax` rows were read (incomplete). Chunks grow with what the matches so far predict.
 */
async function walkRows(search: Search, walked: Walked, readMax: number): Promise<Walked> {
  const { isMatch, limit, tune } = search;
  const state = { ...walked, found: [...walked.found] };
  while (state.read < readMax) {
    // A quarter more than predicted, so one more chunk usually suffices; at most 4× what was read.
    const needed = rowsStillNeeded(search, state);
    const growth = Math.min(Math.ceil(needed * 1.25), 4 * Math.max(state.read, tune.firstRowChunk));
    const count = Math.min(readMax - state.read, Math.max(tune.firstRowChunk, growth));
    const rows = await state.walk.nextRows(count);
    state.read += rows.length;
    for (const row of rows) {
      if (isMatch(row)) state.found.push(row);
      if (state.found.length === limit) return { ...state, isComplete: true };
    }
    if (rows.length < count) return { ...state, isComplete: true };
  }
  return state;
}

/** Reads a first chunk of every source at once, then walks on the one likely to end soonest. */
async function searchSources(db: JaringDb, search: Search, sources: WalkIndex[]) {
  const walks = sources.map((source): Walked => ({
    walk: walkNewestFirst(db, source),
    found: [],
    read: 0,
    isComplete: false,
  }));
  if (walks.length === 1) return (await walkRows(search, walks[0]!, Infinity)).found;
  const firsts = await Promise.all(walks.map((w) => walkRows(search, w, search.tune.firstRowChunk)));
  const complete = firsts.find((w) => w.isComplete);
  if (complete) return complete.found;
  const needs = firsts.map((w) => rowsStillNeeded(search, w));
  const best = firsts[needs.indexOf(Math.min(...needs))]!;
  return (await walkRows(search, best, Infinity)).found;
}

/** A whole NIK: the one record holding it, full or slimmed, by the `&nikHash` index. */
async function wholeNikMatches(db: JaringDb, nik: string, filters: SearchFilters) {
  const holders = await db.registrations.where('nikHash').equals(sha256Hex(nik)).toArray();
  return holders.filter((r) => matchesFilters(r, filters));
}

export async function searchRegistrations(
  db: JaringDb,
  filters: SearchFilters = {},
  tune: SearchTuning = SEARCH_TUNING,
): Promise<PhoneRecord[]> {
  const limit = filters.limit ?? DEFAULT_SEARCH_LIMIT;
  const query = parseSearchQuery(filters.query);
  const { kelurahanKode, syncState } = filters;
  if (query.kind === 'none') {
    const newest = newestFirst(db, filters);
    // With both filters the kelurahan range (a few thousand rows at most) is narrowed by state.
    const narrowed =
      kelurahanKode !== undefined && syncState !== undefined
        ? newest.filter((r) => r.syncState === syncState)
        : newest;
    return narrowed.limit(limit).toArray();
  }
  if (limit <= 0) return [];
  if (query.kind === 'nik' && query.prefix.length === NIK_LENGTH) {
    return (await wholeNikMatches(db, query.prefix, filters)).slice(0, limit);
  }
  const terms = termsOf(query);
  const isMatch = (r: PhoneRecord) => terms.every((t) => t.matches(r)) && matchesFilters(r, filters);
  const isFiltered = kelurahanKode !== undefined || syncState !== undefined;
  const sources = [...terms.map((t) => t.source), ...(isFiltered ? [walkIndexFor(filters)] : [])];
  // One read transaction: the walks read chunk after chunk of indexes that must not change meanwhile.
  // (An async scope: Dexie keeps the transaction's zone across its awaits only for one.)
  return db.transaction('r', db.registrations, async () =>
    searchSources(db, { isMatch, limit, tune }, sources),
  );
}
