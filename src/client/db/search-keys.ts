/**
 * The search-key index (schema v5): each record lists, in the multiEntry `searchKeys` index, the
 * prefixes of its name words and of its NIK, each followed by the record's updatedAt. All keys of one
 * prefix therefore sit together in the index in updatedAt order, and within one key IndexedDB orders
 * entries by primary key: read in reverse, a prefix's range yields its records newest first, ties by
 * id descending — the order the list shows. A search reads the newest records holding a prefix
 * straight from the index and stops at `limit`, however many records hold it (search.ts).
 *
 * A query longer than the indexed prefixes reads the range of its longest indexed prefix, in the
 * same order, and tests the rest on each row; at 100,000 records (bench/findings.md) name prefixes
 * past 5 letters and NIK prefixes past 10 digits (kecamatan and birth day and month: a few dozen
 * people) add little.
 *
 * Invariant: the keys are derived from the row as written, by the middleware below, so they never
 * drift from `nameWords`, `nik` and `updatedAt`, whoever writes the row (save, edit, sync answers,
 * slimming, restores). A slimmed record has no NIK, so it has no NIK keys (a whole NIK finds it by
 * `nikHash` instead).
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { PhoneRecord } from './types';

/** Longest name-word prefix with keys of its own. */
export const NAME_PREFIX_MAX = 5;
/** Longest NIK prefix with keys of its own. */
export const NIK_PREFIX_MAX = 10;

/** Between a prefix and the time: below every character of a folded word or a NIK. */
const SEPARATOR = ' ';
/** Marks NIK prefixes: folded name words are [a-z0-9] only, so a name key never starts with it. */
const NIK_MARK = '#';
/** Above every character of an ISO time: the top of a prefix's range. */
const TOP = '\uffff';

export type SearchKeyKind = 'name' | 'nik';

/** The prefix as the index holds it: cut to the longest indexed length and marked by kind. */
function indexedPrefix(kind: SearchKeyKind, prefix: string): string {
  return kind === 'name' ? prefix.slice(0, NAME_PREFIX_MAX) : NIK_MARK + prefix.slice(0, NIK_PREFIX_MAX);
}

/** The index keys of one prefix: every key from `lowest` to `keyAt(updatedAt)` is at or before that time. */
export function searchKeyRange(kind: SearchKeyKind, prefix: string) {
  const head = indexedPrefix(kind, prefix) + SEPARATOR;
  return { lowest: head, highest: head + TOP, keyAt: (updatedAt: string) => head + updatedAt };
}

function prefixesOf(word: string, max: number): string[] {
  return Array.from({ length: Math.min(word.length, max) }, (_, i) => word.slice(0, i + 1));
}

/** The keys a record is indexed under: distinct, so a record appears once in a prefix's range. */
export function searchKeysOf(record: PhoneRecord): string[] {
  const name = record.nameWords.flatMap((word) => prefixesOf(word, NAME_PREFIX_MAX));
  const nik = 'nik' in record && record.nik ? prefixesOf(record.nik, NIK_PREFIX_MAX) : [];
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
