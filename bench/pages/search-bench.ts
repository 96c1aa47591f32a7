/**
 * Search in the browser: one database filled with raw bulk puts of valid rows (26,400, then topped up
 * to 100,000), searched through the app's `searchRegistrations` with the queries a volunteer types,
 * keystroke by keystroke: every prefix of a name word (with or without a first word before it), and
 * every prefix of a NIK.
 */
import { openJaringDb, searchRegistrations, type JaringDb } from '../../src/client/db';
import { nameSearchWords } from '../../src/shared/text';
import type { RegistrationFields } from '../../src/shared/registration';
import { makePeople, seededRandom } from './people';
import { deleteDatabase } from './raw-idb';
import { toStoredRow } from './stored-rows';

export interface SearchTimings {
  records: number;
  nameMs: number[];
  nikMs: number[];
  /** Mean rows returned, to show the queries were not trivially empty. */
  nameHits: number;
  nikHits: number;
}

const DB_NAME = 'bench-search';
const FILL_CHUNK = 5000;
/** Rows are spread one minute apart, ending now, so "newest first" has a real order. */
const ROW_SPACING_MS = 60_000;

let people: RegistrationFields[] = [];
let db: JaringDb | undefined;
let filled = 0;

export async function prepareSearch(maxRecords: number, seed: number): Promise<void> {
  await deleteDatabase(DB_NAME);
  db = openJaringDb(DB_NAME);
  await db.open();
  people = makePeople(maxRecords, seed, new Date().toISOString());
  filled = 0;
}

/** Raw bulk puts up to `total` rows; returns the milliseconds it took. */
export async function fillSearchTo(total: number): Promise<number> {
  const started = performance.now();
  const start = Date.now() - people.length * ROW_SPACING_MS;
  while (filled < total) {
    const end = Math.min(total, filled + FILL_CHUNK);
    const rows = people
      .slice(filled, end)
      .map((p, i) => toStoredRow(p, crypto.randomUUID(), new Date(start + (filled + i) * ROW_SPACING_MS)));
    await db!.registrations.bulkPut(rows);
    filled = end;
  }
  return performance.now() - started;
}

function nameQuery(person: RegistrationFields, random: () => number): string {
  const words = nameSearchWords(person.fullName);
  const at = Math.floor(random() * words.length);
  const word = words[at]!;
  const prefix = word.slice(0, 1 + Math.floor(random() * word.length));
  // Sometimes the volunteer types a first word in full before the one being typed.
  return at > 0 && random() < 0.3 ? `${words[0]} ${prefix}` : prefix;
}

function nikQuery(person: RegistrationFields, random: () => number): string {
  return person.nik.slice(0, 1 + Math.floor(random() * person.nik.length));
}

async function timeQueries(queries: string[]): Promise<{ ms: number[]; hits: number }> {
  const ms: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const started = performance.now();
    const rows = await searchRegistrations(db!, { query });
    ms.push(performance.now() - started);
    hits += rows.length;
  }
  return { ms, hits: hits / Math.max(1, queries.length) };
}

/** `count` name and `count` NIK queries drawn from the records present, name and NIK interleaved. */
export async function runSearch(count: number, seed: number): Promise<SearchTimings> {
  const random = seededRandom(seed);
  const pick = () => people[Math.floor(random() * filled)]!;
  const names = Array.from({ length: count }, () => nameQuery(pick(), random));
  const niks = Array.from({ length: count }, () => nikQuery(pick(), random));
  await timeQueries([...names.slice(0, 20), ...niks.slice(0, 20)]); // warm-up: JIT and the page cache
  const name = await timeQueries(names);
  const nik = await timeQueries(niks);
  return { records: filled, nameMs: name.ms, nikMs: nik.ms, nameHits: name.hits, nikHits: nik.hits };
}

export async function closeSearch(): Promise<void> {
  db?.close();
  await deleteDatabase(DB_NAME);
}
