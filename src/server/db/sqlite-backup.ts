/**
 * Backup and restore of the SQLite registry file, for `npm run admin -- backup|restore`.
 *
 * What must hold:
 *   - A backup is one consistent snapshot, taken while the server runs and writes: SQLite's online
 *     backup copies every page inside one read transaction (after a first small step, the rest in one
 *     step; a write by the server in between restarts the copy, which then finishes in one step too).
 *   - A file under the final name is always whole: both commands write a temp file (0600) beside the
 *     target, check it, fsync it and rename it into place; a failure removes the temp file.
 *   - A backup is a single self-contained file (rollback journal, not WAL), readable read-only.
 *   - Restore checks the file before touching anything (a SQLite file that passes integrity_check and
 *     holds Jaring's migrations), refuses while another connection has the target open (the server:
 *     an exclusive lock cannot be had), and replaces a database that holds anything only when forced.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/** Pages per backup step after the first: everything, so the copy never restarts forever under load. */
const ALL_PAGES = 0x7fffffff;

export class BackupRefusal extends Error {}

export interface DatabaseSummary {
  migrations: string[];
  registrations: number;
  tables: number;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Throws BackupRefusal unless `path` is a sound Jaring database; touches nothing. */
export function checkJaringDatabase(path: string): DatabaseSummary {
  if (!existsSync(path)) throw new BackupRefusal(`${path} does not exist`);
  let file: SqliteDatabase.Database | undefined;
  try {
    file = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    const integrity = file.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupRefusal(`${path} is damaged: integrity_check says ${String(integrity)}`);
    const has = (table: string) =>
      file!.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(table) !== undefined;
    if (!has('kysely_migration') || !has('registrations'))
      throw new BackupRefusal(`${path} is not a Jaring database (no migrations table or registrations)`);
    const migrations = file
      .prepare('select name from kysely_migration order by name')
      .pluck()
      .all() as string[];
    if (!migrations.includes('0001_initial'))
      throw new BackupRefusal(`${path} is not a Jaring database (its migrations are not Jaring's)`);
    const registrations = file.prepare('select count(*) from registrations').pluck().get() as number;
    const tables = file
      .prepare(`select count(*) from sqlite_master where type = 'table'`)
      .pluck()
      .get() as number;
    return { migrations, registrations, tables };
  } catch (error) {
    if (error instanceof BackupRefusal) throw error;
    throw new BackupRefusal(`${path} is not a readable SQLite database (${(error as Error).message})`);
  } finally {
    file?.close();
  }
}

/** An empty file only this OS user can read, which SQLite then fills (its journals get the same mode). */
function createPrivateFile(path: string): void {
  writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
}

/** Copies `source` (an open connection) into `temp` and makes the copy a single-file database. */
async function copyInto(source: SqliteDatabase.Database, temp: string): Promise<void> {
  createPrivateFile(temp);
  await source.backup(temp, { progress: () => ALL_PAGES });
  const copy = new SqliteDatabase(temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function moveIntoPlace(temp: string, target: string): void {
  fsyncPath(temp);
  renameSync(temp, target);
  fsyncPath(dirname(target));
}

/** Writes a consistent copy of the database at `sourcePath` to `destination`; refuses to overwrite. */
export async function backupSqlite(sourcePath: string, destination: string): Promise<DatabaseSummary> {
  const target = resolve(destination);
  if (!existsSync(sourcePath)) throw new BackupRefusal(`no database at ${sourcePath}`);
  if (existsSync(target)) throw new BackupRefusal(`${target} already exists: choose a new file name`);
  if (!existsSync(dirname(target))) throw new BackupRefusal(`the folder ${dirname(target)} does not exist`);
  const temp = `${target}.partial-${process.pid}`;
  const source = new SqliteDatabase(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await copyInto(source, temp);
    const summary = checkJaringDatabase(temp);
    moveIntoPlace(temp, target);
    return summary;
  } finally {
    source.close();
    rmSync(temp, { force: true });
  }
}

/**
 * Opens the target with an exclusive lock, so neither a running server nor one started meanwhile can
 * use it during the restore. Undefined when there is no target yet.
 */
function lockTarget(targetPath: string): SqliteDatabase.Database | undefined {
  if (!existsSync(targetPath)) return undefined;
  const lock = new SqliteDatabase(targetPath, { fileMustExist: true });
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('begin exclusive; commit');
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new BackupRefusal(
        `${targetPath} is in use: stop the registry first (systemctl stop jaring), then restore`,
      );
    throw new BackupRefusal(`${targetPath} cannot be opened (${(error as Error).message})`);
  }
}

function tableCount(lock: SqliteDatabase.Database): number {
  return lock.prepare(`select count(*) from sqlite_master where type = 'table'`).pluck().get() as number;
}

/** Replaces the database at `targetPath` with the backup `file`, all at once or not at all. */
export async function restoreSqlite(
  file: string,
  targetPath: string,
  isForced: boolean,
): Promise<DatabaseSummary> {
  const source = resolve(file);
  if (source === targetPath) throw new BackupRefusal('the backup file is the database itself');
  checkJaringDatabase(source);
  mkdirSync(dirname(targetPath), { recursive: true, mode: 0o700 });
  const lock = lockTarget(targetPath);
  const temp = `${targetPath}.restoring-${process.pid}`;
  try {
    if (lock && tableCount(lock) > 0 && !isForced)
      throw new BackupRefusal(
        `${targetPath} already holds a database: add --force to replace it (back it up first)`,
      );
    const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
    try {
      await copyInto(backup, temp);
    } finally {
      backup.close();
    }
    const summary = checkJaringDatabase(temp);
    // Out of WAL mode under the lock: the old file's -wal is folded in and deleted, so it can never
    // be replayed onto the restored file.
    lock?.pragma('journal_mode = DELETE');
    for (const leftover of [`${targetPath}-wal`, `${targetPath}-shm`]) rmSync(leftover, { force: true });
    moveIntoPlace(temp, targetPath);
    return summary;
  } finally {
    lock?.close();
    rmSync(temp, { force: true });
  }
}
