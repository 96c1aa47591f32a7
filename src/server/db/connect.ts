/**
 * Opens the registry database — SQLite (one file, the default) or PostgreSQL (a pool) — and brings its
 * schema up to date. The rest of the server talks to Kysely only and does not know which engine runs.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './sqlite-statements';

export type Engine = 'sqlite' | 'postgres';

/** A pool's figures for /metrics (PostgreSQL only: SQLite has one connection and no pool). */
export interface PoolFigures {
  total: number;
  idle: number;
  waiting: number;
}

export interface RegistryDb {
  db: Kysely<Database>;
  engine: Engine;
  /** Brings the schema up to date; already-applied migrations are skipped. */
  migrate(): Promise<void>;
  poolFigures?: () => PoolFigures;
  close(): Promise<void>;
}

export function engineOf(databaseUrl: string): Engine {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/** "sqlite:./data/x.sqlite", "sqlite:///abs/x.sqlite" or a bare path → a file path. */
export function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}

/**
 * The file holds NIKs, addresses and heirs (UU PDP): a folder the registry creates is 0700 and a new
 * database file 0600, so only the server's OS user can read them (SQLite gives its -wal and -shm files
 * the database file's mode). An existing folder or file keeps the mode its owner chose.
 */
function prepareSqliteFile(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700); // mkdir's mode is filtered by the umask
  }
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}

function openSqlite(databaseUrl: string): Kysely<Database> {
  const path = sqlitePathOf(databaseUrl);
  if (path !== ':memory:') prepareSqliteFile(path);
  const file = new SqliteDatabase(path);
  file.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at commit, so a power cut can lose the last
  // transactions after the phone was told "accepted" and deleted its outbox entry. The promise is that
  // an acknowledged record is on disk, and one fsync per batch (not per record) is cheap enough.
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  // A deleted or overwritten row (a voided record's NIK, an erased person, an old version of a name) is
  // zeroed on disk, not left readable in free pages of the file or of a copy of it.
  file.pragma('secure_delete = ON');
  // The admin CLI may write while the server runs: wait for the lock instead of failing at once.
  file.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
}

function openPostgres(databaseUrl: string): { db: Kysely<Database>; poolFigures: () => PoolFigures } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection the server ends (a restart, a failover) is dropped from the pool and the next
  // query opens a fresh one; unheard, the pool's 'error' event would crash the whole registry instead
  // of letting /readyz answer 503 until the database is back.
  pool.on('error', () => {});
  const poolFigures = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), poolFigures };
}

/**
 * Opens the database without touching its schema: the registry listens (readiness 503) while
 * migrations run, which on PostgreSQL can mean waiting for another instance that is migrating.
 */
export function connectDatabase(databaseUrl: string): RegistryDb {
  const engine = engineOf(databaseUrl);
  const { db, poolFigures } =
    engine === 'postgres'
      ? openPostgres(databaseUrl)
      : { db: openSqlite(databaseUrl), poolFigures: undefined };
  return {
    db,
    engine,
    migrate: () => migrateToLatest(db as Kysely<unknown>, engine),
    ...(poolFigures && { poolFigures }),
    close: () => db.destroy(),
  };
}

/** Opens the database and brings its schema up to date (the CLI, tests). */
export async function openDatabase(databaseUrl: string): Promise<RegistryDb> {
  const store = connectDatabase(databaseUrl);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Makes change-feed inserts commit in sequence order. On PostgreSQL two transactions can take
 * sequence numbers 5 and 6 and commit 6 first; a phone pulling in between would move its cursor past
 * 5 and never see it. A transaction-scoped advisory lock serialises feed writers (status changes are
 * rare admin actions). SQLite already allows one writer at a time.
 */
export async function lockChangeFeed(trx: Transaction<Database>, engine: Engine): Promise<void> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(7305)`.execute(trx);
}

/** Unique-key violation on either engine: a concurrent writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Push batches take this lock: shared by first attempts, so pushes run side by side, and exclusive for a
 * retry, which therefore runs alone and cannot lose a race again (see services/ingest.ts). PostgreSQL
 * queues a later shared request behind a waiting exclusive one, so a retry is never starved. SQLite needs
 * none: its one connection runs one transaction at a time, so every push already runs alone.
 */
export async function lockIngest(trx: Transaction<Database>, engine: Engine, alone: boolean): Promise<void> {
  if (engine !== 'postgres') return;
  if (alone) await sql`select pg_advisory_xact_lock(7306)`.execute(trx);
  else await sql`select pg_advisory_xact_lock_shared(7306)`.execute(trx);
}

/** Thrown when a row changed between a transaction's read and its write (a concurrent push edited it). */
export class WriteConflict extends Error {
  constructor(what: string) {
    super(`concurrent write: ${what}`);
  }
}

const codeOf = (error: unknown): string => String((error as { code?: unknown } | undefined)?.code ?? '');

/**
 * A concurrent writer won: a unique key taken, a deadlock victim (40P01), a serialization failure
 * (40001), a changed row. Running the whole transaction again sees the winner's commit.
 */
export function isWriteConflict(error: unknown): boolean {
  const code = codeOf(error);
  return error instanceof WriteConflict || isUniqueViolation(error) || code === '40P01' || code === '40001';
}

/**
 * Runs a write transaction again when a concurrent writer won (isWriteConflict): an officer's verdict
 * can meet a push that updates the same rows or the same kelurahan's coverage count (a deadlock on
 * PostgreSQL, which aborts one of the two). The transaction must be safe to run again from the start.
 */
export async function retryOnWriteConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= attempts) throw error;
    }
  }
}

/**
 * The database refused a value rather than failed: a data exception (PostgreSQL class 22: a NUL in
 * text, a number out of range, …), a check or not-null constraint (class 23 but for unique keys, which
 * are races), or SQLite's equivalents. Caused by one record, so it is that record's answer.
 */
export function isRecordDataError(error: unknown): boolean {
  const code = codeOf(error);
  if (isUniqueViolation(error)) return false;
  if (/^2[23][0-9A-Z]{3}$/.test(code)) return true;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH';
}
