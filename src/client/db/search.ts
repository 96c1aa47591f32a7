/**
 * Searching registrations for the list screen: NIK prefix or name-word prefix, filters by kelurahan
 * and sync state, newest first (by updatedAt). Built to stay fast at 100,000 records on a cheap phone,
 * so rows are read only through indexes and only as many as needed:
 *  1. count each query term's index range (a count reads no rows);
 *  2. if the narrowest term has few matches, read just those rows and sort them in memory;
 *  3. otherwise intersect the terms' primary keys (keys only, no rows); if few remain, read those;
 *  4. otherwise walk the newest-first index keys (narrowed by kelurahan or state) and read only the
 *     first `limit` ids that are in the intersection. No step depends on where in time matches lie.
 * Worst case at 100,000 rows: two key-only reads of every primary key (a query every record matches).
 */
import Dexie, { type Collection, type InsertType } from 'dexie';
import { normalizeNikInput } from '../../shared/nik';
import { nameSearchWords } from '../../shared/text';
import type { JaringDb } from './database';
import type { StoredRegistration, SyncState } from './types';

export interface SearchFilters {
  /** Digits (spaces and dots allowed): NIK prefix. Otherwise: each word prefixes a word of the name. */
  query?: string;
  kelurahanKode?: string;
  syncState?: SyncState;
  /** Default 50. */
  limit?: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;
/** Up to this many candidate rows are read and sorted in memory. */
const IN_MEMORY_MAX = 1000;

type RegistrationCollection = Collection<StoredRegistration, string, InsertType<StoredRegistration, 'id'>>;
type ParsedQuery = { kind: 'none' } | { kind: 'nik'; prefix: string } | { kind: 'name'; words: string[] };
type Query = Exclude<ParsedQuery, { kind: 'none' }>;

export function parseSearchQuery(query: string | undefined): ParsedQuery {
  const text = query?.trim() ?? '';
  const digits = normalizeNikInput(text);
  if (/^\d+$/.test(digits)) return { kind: 'nik', prefix: digits };
  const words = nameSearchWords(text);
  return words.length > 0 ? { kind: 'name', words } : { kind: 'none' };
}

function matchesQuery(record: StoredRegistration, query: Query): boolean {
  if (query.kind === 'nik') return record.nik.startsWith(query.prefix);
  return query.words.every((word) => record.nameWords.some((nameWord) => nameWord.startsWith(word)));
}

function matchesFilters(record: StoredRegistration, filters: SearchFilters): boolean {
  return (
    (filters.kelurahanKode === undefined || record.kelurahanKode === filters.kelurahanKode) &&
    (filters.syncState === undefined || record.syncState === filters.syncState)
  );
}

/** Newest first, with ties in the order a reversed index gives them (primary key descending). */
function byNewest(a: StoredRegistration, b: StoredRegistration): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Index range of `[field+updatedAt]` for one value, newest first. */
function newestWith(db: JaringDb, index: string, value: string): RegistrationCollection {
  return db.registrations.where(index).between([value, Dexie.minKey], [value, Dexie.maxKey]).reverse();
}

/** Rows passing the filters, newest first, from the narrowest `[…+updatedAt]` index. */
function newestFirst(db: JaringDb, { kelurahanKode, syncState }: SearchFilters): RegistrationCollection {
  if (kelurahanKode !== undefined) return newestWith(db, '[kelurahanKode+updatedAt]', kelurahanKode);
  if (syncState !== undefined) return newestWith(db, '[syncState+updatedAt]', syncState);
  return db.registrations.orderBy('updatedAt').reverse();
}

/** One index range per query term; a record matches the query when it is in every range. */
function termRanges(db: JaringDb, query: Query): RegistrationCollection[] {
  if (query.kind === 'nik') return [db.registrations.where('nik').startsWith(query.prefix)];
  return query.words.map((word) => db.registrations.where('nameWords').startsWith(word));
}

async function primaryKeySet(collection: RegistrationCollection): Promise<Set<string>> {
  return new Set(await collection.primaryKeys());
}

function intersect(sets: Set<string>[]): Set<string> {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...(smallest ?? [])].filter((id) => rest.every((set) => set.has(id))));
}

async function readAndSort(
  rows: StoredRegistration[],
  isMatch: (r: StoredRegistration) => boolean,
  limit: number,
) {
  return rows.filter(isMatch).sort(byNewest).slice(0, limit);
}

/** Steps 3–4: many matches for every term. Works on keys until it knows which `limit` rows to read. */
async function searchDense(
  db: JaringDb,
  ranges: RegistrationCollection[],
  filters: SearchFilters,
  limit: number,
) {
  const { kelurahanKode, syncState } = filters;
  const keySets = await Promise.all(ranges.map(primaryKeySet));
  if (kelurahanKode !== undefined && syncState !== undefined) {
    keySets.push(
      await primaryKeySet(
        db.registrations.where('[kelurahanKode+syncState]').equals([kelurahanKode, syncState]),
      ),
    );
  }
  const ids = intersect(keySets);
  if (ids.size <= IN_MEMORY_MAX) {
    const rows = await db.registrations.bulkGet([...ids]);
    return { rows: rows.filter((r) => r !== undefined), isSorted: false };
  }
  const newestIds = (await newestFirst(db, filters).primaryKeys())
    .filter((id) => ids.has(id))
    .slice(0, limit);
  const rows = await db.registrations.bulkGet(newestIds);
  return { rows: rows.filter((r) => r !== undefined), isSorted: true };
}

export async function searchRegistrations(
  db: JaringDb,
  filters: SearchFilters = {},
): Promise<StoredRegistration[]> {
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
  const isMatch = (r: StoredRegistration) => matchesQuery(r, query) && matchesFilters(r, filters);
  return db.transaction('r', db.registrations, async () => {
    const ranges = termRanges(db, query);
    // A multiEntry range may count a record twice; an over-count only moves the choice of step.
    const counts = await Promise.all(ranges.map((range) => range.count()));
    const narrowest = counts.indexOf(Math.min(...counts));
    // Typing a NIK starts with "3573…", which every Kota Malang record matches: list as if unfiltered.
    if (query.kind === 'nik' && counts[0] === (await db.registrations.count())) {
      return newestFirst(db, filters).filter(isMatch).limit(limit).toArray();
    }
    if (counts[narrowest]! <= IN_MEMORY_MAX) {
      return readAndSort(await ranges[narrowest]!.distinct().toArray(), isMatch, limit);
    }
    const dense = await searchDense(db, termRanges(db, query), filters, limit);
    return dense.isSorted ? dense.rows.filter(isMatch) : readAndSort(dense.rows, isMatch, limit);
  });
}
