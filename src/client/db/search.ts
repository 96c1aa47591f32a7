/**
 * Reading registrations for the list screen: search by NIK prefix or name-word prefix, filters by
 * kelurahan and sync state, newest first (by updatedAt), and the counters. Everything goes through an
 * index so the list stays fast at 100,000 records on a cheap phone:
 *  - a query with few matches reads just those rows through its index and sorts them in memory;
 *  - a query with many matches ("3573" matches every NIK issued in Kota Malang) walks the newest-first
 *    index instead and stops as soon as `limit` rows match, which is soon because matches are dense.
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

export interface RegistrationCounts {
  /** Created today (the phone's local day). */
  today: number;
  total: number;
  /** Saved but not yet accepted by the registry (syncState 'pending'). */
  waiting: number;
  /** The registry asked for a fix or found the NIK elsewhere ('needs_fix' + 'duplicate'). */
  needsAttention: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;
/** Up to this many index matches are read and sorted in memory; more, and the newest-first walk wins. */
const IN_MEMORY_SORT_MAX = 500;

type RegistrationCollection = Collection<StoredRegistration, string, InsertType<StoredRegistration, 'id'>>;
type ParsedQuery = { kind: 'none' } | { kind: 'nik'; prefix: string } | { kind: 'name'; words: string[] };

export function parseSearchQuery(query: string | undefined): ParsedQuery {
  const text = query?.trim() ?? '';
  const digits = normalizeNikInput(text);
  if (/^\d+$/.test(digits)) return { kind: 'nik', prefix: digits };
  const words = nameSearchWords(text);
  return words.length > 0 ? { kind: 'name', words } : { kind: 'none' };
}

function matchesQuery(record: StoredRegistration, query: ParsedQuery): boolean {
  if (query.kind === 'nik') return record.nik.startsWith(query.prefix);
  if (query.kind === 'name') {
    return query.words.every((word) => record.nameWords.some((nameWord) => nameWord.startsWith(word)));
  }
  return true;
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

/** All rows passing the filters, newest first, straight from the narrowest `[…+updatedAt]` index. */
function newestFirst(db: JaringDb, filters: SearchFilters): RegistrationCollection {
  const { kelurahanKode, syncState } = filters;
  const rows = db.registrations;
  if (kelurahanKode !== undefined) {
    const inKelurahan = rows
      .where('[kelurahanKode+updatedAt]')
      .between([kelurahanKode, Dexie.minKey], [kelurahanKode, Dexie.maxKey])
      .reverse();
    return syncState === undefined ? inKelurahan : inKelurahan.filter((r) => r.syncState === syncState);
  }
  if (syncState !== undefined) {
    return rows
      .where('[syncState+updatedAt]')
      .between([syncState, Dexie.minKey], [syncState, Dexie.maxKey])
      .reverse();
  }
  return rows.orderBy('updatedAt').reverse();
}

/** Rows whose NIK or one of whose name words starts with the (most selective) query term. */
function queryMatches(db: JaringDb, query: Exclude<ParsedQuery, { kind: 'none' }>): RegistrationCollection {
  if (query.kind === 'nik') return db.registrations.where('nik').startsWith(query.prefix);
  const longest = query.words.reduce((a, b) => (b.length > a.length ? b : a));
  return db.registrations.where('nameWords').startsWith(longest);
}

export async function searchRegistrations(
  db: JaringDb,
  filters: SearchFilters = {},
): Promise<StoredRegistration[]> {
  const limit = filters.limit ?? DEFAULT_SEARCH_LIMIT;
  const query = parseSearchQuery(filters.query);
  if (query.kind === 'none') return newestFirst(db, filters).limit(limit).toArray();
  const isMatch = (r: StoredRegistration) => matchesQuery(r, query) && matchesFilters(r, filters);
  return db.transaction('r', db.registrations, async () => {
    // Counting index keys reads no rows; a multiEntry index may count a record twice, which is fine here.
    if ((await queryMatches(db, query).count()) <= IN_MEMORY_SORT_MAX) {
      const rows = await queryMatches(db, query).distinct().toArray();
      return rows.filter(isMatch).sort(byNewest).slice(0, limit);
    }
    return newestFirst(db, filters).filter(isMatch).limit(limit).toArray();
  });
}

/** The list screen's counters, from one consistent snapshot; each is an index count (no rows read). */
export function countRegistrations(db: JaringDb, today: string): Promise<RegistrationCounts> {
  const rows = db.registrations;
  const inState = (state: SyncState) => rows.where('syncState').equals(state).count();
  return db.transaction('r', rows, async () => {
    const [todayCount, total, waiting, needsFix, duplicate] = await Promise.all([
      rows.where('createdDay').equals(today).count(),
      rows.count(),
      inState('pending'),
      inState('needs_fix'),
      inState('duplicate'),
    ]);
    return { today: todayCount, total, waiting, needsAttention: needsFix + duplicate };
  });
}
