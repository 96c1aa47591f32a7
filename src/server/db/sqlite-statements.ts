/**
 * Prepared statements kept for reuse on the one SQLite connection. Kysely's SQLite driver prepares
 * every query it runs afresh; a push batch's multi-row insert is ~300 rows of 27 parameters, and
 * compiling that SQL again for every batch cost more than a tenth of the push's database time.
 *
 * Invariant: a statement is handed out only when it is not running. better-sqlite3 refuses to run a
 * statement while an iterator over it is open (a streamed export, even one abandoned half-way until its
 * iterator is closed), so a busy cached statement is passed over for a fresh one, never shared.
 * SQLite itself re-prepares a statement when the schema changed under it (a migration), so a cached
 * statement never runs against a stale schema.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type SqliteFile from 'better-sqlite3';

/** Distinct SQL texts kept: the registry's queries are a few hundred shapes; the oldest unused goes. */
export const STATEMENTS_KEPT = 500;

export function withStatementCache(file: SqliteFile.Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, SqliteFile.Statement>();
  return {
    close: () => {
      statements.clear();
      file.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Map order is insertion order: moving the entry to the end keeps the least recently used first.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = file.prepare(sql);
      if (cached) return statement; // the cached one is mid-iteration: this one is used once, not kept
      statements.set(sql, statement);
      if (statements.size > kept) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
