/**
 * `npm run admin -- <command>`: non-interactive administration on the same database the server uses
 * (DATABASE_URL), safe to run while it serves. The new code or token is always the LAST line of output,
 * so scripts can take it with `tail -n 1`. Exit codes: 0 done, 1 failed, 2 usage.
 */
import { loadConfig } from './config';
import { openDatabase, type RegistryDb } from './db/connect';
import { createAdminToken } from './services/admin-tokens';
import { seedCoverageTargets, setCoverageTarget } from './services/coverage-data';
import { createEnrollmentCode, listDevices, revokeDevice } from './services/devices';
import { findKelurahan } from '../shared/reference';

const USAGE = `Usage: npm run admin -- <command>
  create-code [--name <device name>] [--kelurahan <kelurahan kode>]   one-time enrollment code
  revoke-device <device id>                                            revoke a phone (or unused code)
  set-target <kelurahan kode> <estimated workers> [target percent]     coverage target (default 40%)
  list-devices                                                         all phones and codes
  new-admin-token                                                      another admin token`;

const ACTOR = 'cli';

class UsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

function wholeNumber(text: string | undefined, what: string, max: number): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(`${what} must be a whole number 0–${max}`);
  return n;
}

type Command = (store: RegistryDb, args: string[], now: string) => Promise<string[]>;

const COMMANDS: Record<string, Command> = {
  async 'create-code'(store, args, now) {
    const kelurahanKode = flag(args, 'kelurahan');
    if (kelurahanKode && !findKelurahan(kelurahanKode))
      throw new UsageError(`unknown kelurahan ${kelurahanKode}`);
    const made = await createEnrollmentCode(store.db, now, ACTOR, {
      name: flag(args, 'name'),
      kelurahanKode,
    });
    return [`Enrollment code for "${made.name}" (device ${made.deviceId}), valid once:`, made.code];
  },
  async 'revoke-device'(store, [id], now) {
    if (!id) throw new UsageError('revoke-device needs a device id');
    if (!(await revokeDevice(store.db, now, ACTOR, id))) throw new Error(`no device ${id}`);
    return ['Revoked device:', id];
  },
  async 'set-target'(store, [kode, count, percent], now) {
    if (!kode || !findKelurahan(kode)) throw new UsageError(`unknown kelurahan ${kode ?? ''}`);
    const target = {
      estimatedWorkers: wholeNumber(count, 'estimated workers', 10_000_000),
      targetPercent: percent === undefined ? 40 : wholeNumber(percent, 'target percent', 100),
    };
    await seedCoverageTargets(store.db, now);
    await setCoverageTarget(store.db, now, ACTOR, kode, target);
    return [
      `Target for ${findKelurahan(kode)!.nama}:`,
      `${kode} ${target.estimatedWorkers} ${target.targetPercent}%`,
    ];
  },
  async 'list-devices'(store) {
    const devices = await listDevices(store.db);
    const lines = devices.map((d) =>
      [
        d.id,
        d.state.padEnd(8),
        d.kelurahanKode ?? '-'.padEnd(10),
        String(d.registrations).padStart(6),
        d.name,
      ].join('  '),
    );
    return [
      'id                                    state     kelurahan   records  name',
      ...lines,
      `${devices.length} devices`,
    ];
  },
  async 'new-admin-token'(store, _args, now) {
    return [
      'New admin token (shown once; use as Authorization: Bearer <token>):',
      await createAdminToken(store.db, now, ACTOR),
    ];
  },
};

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== 'help' ? `Unknown command: ${name}\n${USAGE}` : USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = await openDatabase(config.databaseUrl);
  try {
    const lines = await command(store, args, config.now().toISOString());
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    console.error(
      error instanceof UsageError ? `${error.message}\n${USAGE}` : `Failed: ${(error as Error).message}`,
    );
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code));
