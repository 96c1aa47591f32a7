/**
 * The search-key index (schema v5): each record lists, in the multiEntry `searchKeys` index, the
 * prefixes of its name words and of its NIK, each followed by the record's updatedAt. All keys of one
 * prefix therefore sit together in the index in updatedAt order, and within one key IndexedDB orders
 * entries by primary key: read in reverse, a prefix's range yields its records newest first, ties by
 * id descending — the order the list shows. A search reads the newest records holding a prefix
 * straight from the index and stops at `limit`, however many records hold it (search.ts).
 *
 * Only some prefix lengths have keys: every key is one more index entry written on each save and
 * each sync answer (bench/findings.md: 18 keys a record made raw puts 1.66× slower). A query reads
 * the range of its longest indexed prefix, in the same order, and tests the rest on each row. Names:
 * 1, 3 and 5 letters (4–5 keys a record); NIK: 1, 2 and 4 digits (province, kota), 6 (kecamatan),
 * 8 (birth day) and 10 (birth month: a few dozen people at 100,000 records). Measured on the
 * benchmark's names and NIKs, a query then reads at most ~500 rows at the 95th percentile.
 *
 * Invariant: the keys are derived from the row as written, by the middleware below, so they never
 * drift from `nameWords`, `nik` and `updatedAt`, whoever writes the row (save, edit, sync answers,
 * slimming, restores). A slimmed record has no NIK, so it has no NIK keys (a whole NIK finds it by
 * `nikHash` instead).
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { PhoneRecord } from './types';

/** Name-word prefix lengths with keys of their own, ascending; 1 first, so every query has a range. */
export const NAME_PREFIX_LENGTHS: readonly number[] = [1, 3, 5];
/** NIK prefix lengths with keys of their own, ascending, from 1. */
export const NIK_PREFIX_LENGTHS: readonly number[] = [1, 2, 4, 6, 8, 10];

/** Between a prefix and the time: below every character of a folded word or a NIK. */
const SEPARATOR = ' ';
/** Marks NIK prefixes: folded name words are [a-z0-9] only, so a name key never starts with it. */
const NIK_MARK = '#';
/** Above every character of an ISO time: the top of a prefix's range. */
const TOP = '\uffff';

export type SearchKeyKind = 'name' | 'nik';

const lengthsOf = (kind: SearchKeyKind) => (kind === 'name' ? NAME_PREFIX_LENGTHS : NIK_PREFIX_LENGTHS);

/** The prefix as the index holds it: cut to the longest indexed length it reaches, marked by kind. */
function indexedPrefix(kind: SearchKeyKind, prefix: string): string {
  const length =
    lengthsOf(kind)
      .filter((l) => l <= prefix.length)
      .pop() ?? 1;
  return (kind === 'name' ? '' : NIK_MARK) + prefix.slice(0, length);
}

/** The index keys of one prefix: every key from `lowest` to `keyAt(updatedAt)` is at or before that time. */
export function searchKeyRange(kind: SearchKeyKind, prefix: string) {
  const head = indexedPrefix(kind, prefix) + SEPARATOR;
  return { lowest: head, highest: head + TOP, keyAt: (updatedAt: string) => head + updatedAt };
}

function prefixesOf(word: string, kind: SearchKeyKind): string[] {
  return lengthsOf(kind)
    .filter((length) => length <= word.length)
    .map((length) => word.slice(0, length));
}

/** The keys a record is indexed under: distinct, so a record appears once in a prefix's range. */
export function searchKeysOf(record: PhoneRecord): string[] {
  const name = record.nameWords.flatMap((word) => prefixesOf(word, 'name'));
  const nik = 'nik' in record && record.nik ? prefixesOf(record.nik, 'nik') : [];
  const heads = [...new Set(name), ...nik.map((p) => NIK_MARK + p)];
  return heads.map((head) => head + SEPARATOR + record.updatedAt);
}

/** The row with its keys (a copy: the caller's object is left as it was). */
export function withSearchKeys<T extends PhoneRecord>(record: T): T {
  return { ...record, searchKeys: searchKeysOf(record) };
}

function withKeysInRequest(request: DBCoreMutateRequest): DBCoreMutateRequest {
  if (request.type !== 'add' && request.type !== 'put') return request;
  return { ...request, values: request.values.map((value: PhoneRecord) => withSearchKeys(value)) };
}

/** Adds the search keys to every registration written, through any Dexie call (add, put, update, modify). */
export const searchKeysMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'searchKeys',
  create: (down) => ({
    ...down,
    table: (tableName) => {
      const table = down.table(tableName);
      if (tableName !== 'registrations') return table;
      return { ...table, mutate: (request) => table.mutate(withKeysInRequest(request)) };
    },
  }),
};
