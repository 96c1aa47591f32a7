/**
 * Newest-first walk over one index range ordered by updatedAt (an `…updatedAt` index, or one prefix's
 * range of `searchKeys`), a chunk at a time, for search (see `search.ts`).
 * Each chunk is one request (`getAll` with a count; in browsers with IndexedDB 3 also in reverse), so
 * the walk costs per row read, never per row of the table, and stops as soon as the caller has enough.
 * Order: updatedAt descending, ties by id descending (what a reversed index gives).
 * A chunk continues below the last row of the one before: its range ends at that row's updatedAt
 * (inclusive) and the rows up to and including it, seen already, are skipped. All chunks must be
 * read in one transaction, so the index cannot change under the walk.
 */
import Dexie, { type IndexableType } from 'dexie';
import type { JaringDb } from './database';
import { searchKeyRange, type SearchKeyKind } from './search-keys';
import type { PhoneRecord } from './types';

/**
 * Where to walk: an index range ordered by updatedAt (within one key, by id), its ends, and the
 * key of a row of that range last changed at `updatedAt`.
 */
export interface WalkIndex {
  name: string;
  lowest: IndexableType;
  highest: IndexableType;
  keyAt(updatedAt: string): IndexableType;
}

/** The index for the filters: `[kelurahanKode+updatedAt]`, `[syncState+updatedAt]` or `updatedAt`. */
export function walkIndexFor(filters: { kelurahanKode?: string; syncState?: string }): WalkIndex {
  const byValue = (name: string, value: string): WalkIndex => ({
    name,
    lowest: [value, Dexie.minKey] as IndexableType,
    highest: [value, Dexie.maxKey] as IndexableType,
    keyAt: (updatedAt) => [value, updatedAt],
  });
  if (filters.kelurahanKode !== undefined) return byValue('[kelurahanKode+updatedAt]', filters.kelurahanKode);
  if (filters.syncState !== undefined) return byValue('[syncState+updatedAt]', filters.syncState);
  return { name: 'updatedAt', lowest: Dexie.minKey, highest: Dexie.maxKey, keyAt: (updatedAt) => updatedAt };
}

/** The `searchKeys` range of one name-word or NIK prefix (cut to the indexed length). */
export function walkIndexForPrefix(kind: SearchKeyKind, prefix: string): WalkIndex {
  return { name: 'searchKeys', ...searchKeyRange(kind, prefix) };
}

export interface NewestFirstWalk {
  /** The next rows, newest first; empty when the index range is used up. */
  nextRows(count: number): Promise<PhoneRecord[]>;
}

export function walkNewestFirst(db: JaringDb, index: WalkIndex): NewestFirstWalk {
  let upTo: IndexableType = index.highest;
  let lastId: string | undefined;
  let isDone = false;

  const chunk = (count: number) =>
    db.registrations.where(index.name).between(index.lowest, upTo, true, true).reverse().limit(count);

  /**
   * The next `count` rows (fewer only at the end of the range). The read starts at the last row
   * returned, after the rows of the same updatedAt with a greater id, so it skips those it has seen
   * and reads further when they take up part of what was asked.
   */
  async function nextRows(count: number): Promise<PhoneRecord[]> {
    if (isDone) return [];
    let asked = lastId === undefined ? count : count + 1;
    for (;;) {
      const rows = await chunk(asked).toArray();
      const isEnd = rows.length < asked;
      const seen = lastId === undefined ? 0 : rows.findIndex((row) => row.id === lastId) + 1;
      if (lastId !== undefined && seen === 0) {
        // Not even the last row returned yet: all of these were seen (equal updatedAt). Read further.
        // (At the range's end this cannot happen inside one transaction; never return a row twice.)
        isDone = isEnd;
        if (isEnd) return [];
        asked *= 2;
        continue;
      }
      const fresh = rows.slice(seen, seen + count);
      if (fresh.length < count && !isEnd) {
        asked = seen + count;
        continue;
      }
      isDone = isEnd && seen + count >= rows.length;
      const last = fresh[fresh.length - 1];
      if (last !== undefined) {
        lastId = last.id;
        upTo = index.keyAt(last.updatedAt);
      }
      return fresh;
    }
  }

  return { nextRows };
}
