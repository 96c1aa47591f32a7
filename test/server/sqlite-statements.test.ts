/**
 * The SQLite statement cache (src/server/db/sqlite-statements.ts): a query's statement is prepared once
 * and reused, a statement mid-iteration is never handed out again, and the oldest unused one goes.
 */
import SqliteFile from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/db/sqlite-statements';

let file: SqliteFile.Database;

function open(kept?: number) {
  file = new SqliteFile(':memory:');
  file.exec('create table t (n integer)');
  file.exec('insert into t values (1), (2), (3)');
  return withStatementCache(file, kept);
}

afterEach(() => {
  if (file.open) file.close();
});

describe('withStatementCache', () => {
  it('hands out the same statement for the same SQL and keeps only the most recently used', () => {
    const cache = open(2);
    const first = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(first);
    const second = cache.prepare('select 2');
    cache.prepare('select 1'); // now the most recent: "select 2" is the oldest
    cache.prepare('select 3'); // a third: "select 2" goes
    expect(cache.prepare('select 1')).toBe(first);
    const secondAgain = cache.prepare('select 2');
    expect(secondAgain).not.toBe(second);
    expect(cache.prepare('select 2')).toBe(secondAgain);
  });

  it('does not hand out a statement that is mid-iteration', () => {
    const cache = open();
    const streaming = cache.prepare('select n from t order by n');
    const rows = streaming.iterate([]);
    rows.next();
    const again = cache.prepare('select n from t order by n');
    expect(again).not.toBe(streaming);
    expect(again.all([])).toHaveLength(3);
    expect([...rows]).toHaveLength(2); // the first iteration goes on undisturbed
  });

  it('runs a query again after a stream of it was left half-way (an export cancelled)', async () => {
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: open() }) });
    const query = db.selectFrom('t').select('n').orderBy('n');
    for await (const row of query.stream()) {
      expect(row.n).toBe(1);
      break;
    }
    expect((await query.execute()).map((r) => r.n)).toEqual([1, 2, 3]);
    await db.destroy();
    expect(file.open).toBe(false);
  });
});
