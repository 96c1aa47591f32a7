/**
 * `npm run admin -- <command>`: non-interactive administration on the same database the server uses
 * (DATABASE_URL), safe to run while it serves (but `restore`, which wants it stopped). The new code,
 * token or backup file is always the LAST line of output, so scripts can take it with `tail -n 1`.
 * Exit codes: 0 done, 1 failed or refused, 2 usage.
 */
import { userInfo } from 'node:os';
import { ACCOUNT_COMMANDS, type Command } from './cli/account-commands';
import { flag, UsageError, wholeNumber } from './cli/args';
import { BACKUP_COMMANDS, UseEngineTools } from './cli/backup-commands';
import { BackupRefusal } from './db/sqlite-backup';
import { forTerminal } from './cli/terminal-text';
import { loadConfig } from './config';
import { openDatabase } from './db/connect';
import { seedCoverageTargets, setCoverageTarget } from './services/coverage-data';
import { listDevices } from './services/device-list';
import { createEnrollmentCode, DEFAULT_CODE_DAYS, MAX_CODE_DAYS, revokeDevice } from './services/devices';
import { findKelurahan } from '../shared/reference';

const USAGE = `Usage: npm run admin -- <command>
Officers and machine tokens:
  create-user --username U --role admin|verifikator|operator [--kelurahan KODE]... [--name "…"]
              [--password-file F]        without --password-file: a one-time password (last line)
  list-users
  set-role --username U --role R [--kelurahan KODE]...
  reset-password --username U            a new one-time password (last line)
  deactivate-user --username U
  unlock-user --username U
  create-token --label L --role R [--kelurahan KODE]... [--days N]   bearer token (last line), 90 days
  list-tokens
  revoke-token <token id>
Phones and coverage:
  create-code [--name <device name>] [--kelurahan <kelurahan kode>] [--days N]
                                        one-time enrollment code (last line), valid 7 days (1–30)
  revoke-device <device id>                                            revoke a phone (or unused code)
  set-target <kelurahan kode> <estimated workers> [target percent]     coverage target (default 40%)
  list-devices                                                         all phones and codes
Backups (SQLite; on PostgreSQL they print the pg_dump / pg_restore commands to use):
  backup FILE                  a consistent copy while the server runs (0600, never overwrites)
  restore FILE [--force]       stop the server first; --force replaces a database that holds data`;

/** Audit actor of everything done here: the OS user who ran the command. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const COMMANDS: Record<string, Command> = {
  ...ACCOUNT_COMMANDS,
  async 'create-code'(store, args, now, actor) {
    const kelurahanKode = flag(args, 'kelurahan');
    if (kelurahanKode && !findKelurahan(kelurahanKode))
      throw new UsageError(`unknown kelurahan ${kelurahanKode}`);
    const days = flag(args, 'days');
    const made = await createEnrollmentCode(store.db, now, actor, {
      name: flag(args, 'name'),
      kelurahanKode,
      days: days === undefined ? DEFAULT_CODE_DAYS : wholeNumber(days, '--days', 1, MAX_CODE_DAYS),
    });
    return [
      `Enrollment code for "${forTerminal(made.name)}" (device ${made.deviceId}), valid once until ${made.expiresAt}:`,
      made.code,
    ];
  },
  async 'revoke-device'(store, [id], now, actor) {
    if (!id) throw new UsageError('revoke-device needs a device id');
    if (!(await revokeDevice(store.db, now, actor, id))) throw new Error(`no device ${id}`);
    return ['Revoked device:', id];
  },
  async 'set-target'(store, [kode, count, percent], now, actor) {
    if (!kode || !findKelurahan(kode)) throw new UsageError(`unknown kelurahan ${kode ?? ''}`);
    const target = {
      estimatedWorkers: wholeNumber(count, 'estimated workers', 0, 10_000_000),
      targetPercent: percent === undefined ? 40 : wholeNumber(percent, 'target percent', 1, 100),
    };
    await seedCoverageTargets(store.db, now);
    await setCoverageTarget(store.db, now, actor, kode, target);
    return [
      `Target for ${findKelurahan(kode)!.nama}:`,
      `${kode} ${target.estimatedWorkers} ${target.targetPercent}%`,
    ];
  },
  async 'list-devices'(store, _args, now) {
    const devices = await listDevices(store.db, { now });
    const lines = devices.map((d) =>
      [
        d.id,
        d.state.padEnd(8),
        d.kelurahanKode ?? '-'.padEnd(10),
        String(d.registrations).padStart(6),
        forTerminal(d.name),
      ].join('  '),
    );
    return [
      'id                                    state     kelurahan   records  name',
      ...lines,
      `${devices.length} devices`,
    ];
  },
};

/** Prints a command's lines (or why it failed) and gives the exit code. */
async function report(work: () => Promise<string[]>): Promise<number> {
  try {
    console.log((await work()).join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof UseEngineTools) console.error(error.message);
    else if (error instanceof BackupRefusal) console.error(`Refused: ${error.message}`);
    else console.error(`Failed: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const fileCommand = name ? BACKUP_COMMANDS[name] : undefined;
  // Before opening the database: a restore must not create or migrate its target.
  if (fileCommand) return report(() => fileCommand(loadConfig(), args));
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== 'help' ? `Unknown command: ${name}\n${USAGE}` : USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = await openDatabase(config.databaseUrl);
  try {
    return await report(() => command(store, args, config.now().toISOString(), cliActor()));
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code));
