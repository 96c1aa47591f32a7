/**
 * `backup FILE` and `restore FILE [--force]`. They run before the CLI opens the database (a restore
 * must not create or migrate the target, and on PostgreSQL nothing needs opening). On SQLite they copy
 * the file (db/sqlite-backup.ts); on PostgreSQL they print the exact pg_dump / pg_restore commands for
 * the configured DATABASE_URL — host, port, user and database, never the password — and exit 1, so a
 * script that expected a backup file never mistakes the explanation for one.
 */
import type { ServerConfig } from '../config';
import { engineOf, sqlitePathOf } from '../db/connect';
import { backupSqlite, restoreSqlite, type DatabaseSummary } from '../db/sqlite-backup';
import { UsageError } from './args';

export type FileCommand = (config: ServerConfig, args: string[]) => Promise<string[]>;

/** Thrown on PostgreSQL: the message is the explanation, printed as it is; the exit code is 1. */
export class UseEngineTools extends Error {}

/** libpq settings a URL can carry that pg_dump only takes from the environment. */
const URL_PARAMETERS_AS_ENV: Record<string, string> = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
};

/** A shell word: quoted unless it holds only characters no shell treats specially. */
function shellWord(text: string): string {
  return /^[\w./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface PostgresTarget {
  host: string;
  port: string;
  username: string;
  database: string;
  env: string[];
}

export function postgresTargetOf(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  const env = Object.entries(URL_PARAMETERS_AS_ENV)
    .filter(([param]) => url.searchParams.has(param))
    .map(([param, name]) => `${name}=${shellWord(url.searchParams.get(param)!)}`);
  return {
    // A Unix socket directory is given as ?host=/var/run/postgresql.
    host: url.searchParams.get('host') ?? (decodeURIComponent(url.hostname) || 'localhost'),
    port: url.port || url.searchParams.get('port') || '5432',
    username: decodeURIComponent(url.username) || process.env.USER || 'postgres',
    database: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
    env,
  };
}

function connectionArgs(target: PostgresTarget): string {
  const { host, port, username, database } = target;
  return [`--host=${host}`, `--port=${port}`, `--username=${username}`, `--dbname=${database}`]
    .map(shellWord)
    .join(' ');
}

export function postgresInstructions(databaseUrl: string, file: string): string[] {
  const target = postgresTargetOf(databaseUrl);
  const prefix = target.env.length > 0 ? `${target.env.join(' ')} ` : '';
  const connection = connectionArgs(target);
  return [
    'This registry runs on PostgreSQL: back it up and restore it with PostgreSQL’s own tools.',
    'Back up (a consistent snapshot, safe while the registry runs; compressed custom format):',
    `  ${prefix}pg_dump --format=custom ${connection} --file=${shellWord(file)}`,
    'Restore (stop the registry first; --clean --if-exists replaces what the database holds):',
    `  ${prefix}pg_restore --clean --if-exists --no-owner ${connection} ${shellWord(file)}`,
    'The password is not shown: give it in ~/.pgpass (mode 0600) or PGPASSWORD, never on the command line.',
    'Keep backups off this machine and encrypted: they hold NIKs and addresses (UU PDP).',
  ];
}

function fileArgument(args: string[], command: string): string {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new UsageError(`${command} needs a file name`);
  const unknown = args.find((arg) => arg.startsWith('--') && arg !== '--force');
  if (unknown || (command === 'backup' && args.includes('--force')))
    throw new UsageError(`${command}: unknown option ${unknown ?? '--force'}`);
  return file;
}

function summaryLines(summary: DatabaseSummary): string[] {
  return [
    `  ${summary.registrations} registrations, ${summary.tables} tables,`,
    `  schema ${summary.migrations.at(-1) ?? '?'} (${summary.migrations.length} migrations)`,
  ];
}

export const BACKUP_COMMANDS: Record<string, FileCommand> = {
  async backup(config, args) {
    const file = fileArgument(args, 'backup');
    if (engineOf(config.databaseUrl) === 'postgres')
      throw new UseEngineTools(postgresInstructions(config.databaseUrl, file).join('\n'));
    const summary = await backupSqlite(sqlitePathOf(config.databaseUrl), file);
    return ['Backup written (readable by this OS user only):', ...summaryLines(summary), file];
  },
  async restore(config, args) {
    const file = fileArgument(args, 'restore');
    if (engineOf(config.databaseUrl) === 'postgres')
      throw new UseEngineTools(postgresInstructions(config.databaseUrl, file).join('\n'));
    const target = sqlitePathOf(config.databaseUrl);
    const summary = await restoreSqlite(file, target, args.includes('--force'));
    return [`Restored ${file} into the registry database:`, ...summaryLines(summary), target];
  },
};
