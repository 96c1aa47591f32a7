/**
 * A multi-row INSERT compiled by hand. Kysely builds an operation node for every value and then walks
 * them to write the SQL: for a push batch of 500 registrations (13,500 values) that was a larger share
 * of the push's CPU than validating the records. Here the SQL text depends only on the table, the
 * columns and the number of rows, so it is built once per shape and kept; the parameters are one flat
 * array.
 *
 * Invariant: table and column names come from the code, never from a request (they are quoted, not
 * escaped); every value goes in as a bound parameter, in column order, exactly as Kysely would send it.
 */
import { CompiledQuery } from 'kysely';
import type { Engine } from './connect';

const texts = new Map<string, string>();
/** Shapes kept: a few per table (a full chunk and the remainders seen); a bound, not a working set. */
const TEXTS_KEPT = 200;

function insertText(
  engine: Engine,
  table: string,
  columns: readonly string[],
  rowCount: number,
  tail: string,
) {
  const key = `${engine}\u0000${table}\u0000${columns.join(',')}\u0000${rowCount}\u0000${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    const width = columns.length;
    const tuple = (r: number) =>
      `(${columns.map((_, c) => (engine === 'postgres' ? `$${r * width + c + 1}` : '?')).join(', ')})`;
    const tuples = Array.from({ length: rowCount }, (_, r) => tuple(r));
    const names = columns.map((c) => `"${c}"`).join(', ');
    text = `insert into "${table}" (${names}) values ${tuples.join(', ')}${tail}`;
    if (texts.size >= TEXTS_KEPT) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * `insert into table (columns) values (…), (…)` + `tail` (e.g. an `on conflict` clause, code only).
 * A value left undefined is sent as null, as Kysely does for a column given in another row.
 */
export function compiledInsert<Row extends object>(
  engine: Engine,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  tail = '',
): CompiledQuery {
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    for (const column of columns) parameters[i++] = row[column] ?? null;
  }
  return CompiledQuery.raw(insertText(engine, table, columns, rows.length, tail), parameters);
}
