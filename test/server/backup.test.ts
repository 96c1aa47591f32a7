/**
 * `npm run admin -- backup|restore` as an operator runs them. On SQLite: a backup taken by the real CLI
 * while a real registry takes pushes over HTTP holds whole batches only, restores into a fresh database
 * with every row of every table identical, and the restored registry starts; restore refuses a running
 * registry's database, a database that holds data without --force, and a file that is not a Jaring
 * database, leaving the target byte for byte as it was. On PostgreSQL: the commands printed (never the
 * password) are run as printed and round-trip every row.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_COMMANDS } from '../../src/server/cli/backup-commands';
import { makeConfig } from '../../src/server/config';
import { BackupRefusal } from '../../src/server/db/sqlite-backup';
import { PROTOCOL_VERSION } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { findPostgresBin } from '../helpers/postgres';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { countRows, openHarness } from './support';

afterAll(stopEngines);

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const BATCH = 20;

async function admin(databaseUrl: string, ...args: string[]) {
  const result = await run(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  return { code: 'code' in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every row of every table, in a stable order: what "identical" means for two SQLite files. */
function sqliteRows(path: string): Record<string, unknown[]> {
  const file = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const tables = file
      .prepare(`select name from sqlite_master where type = 'table' order by name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, file.prepare(`select * from "${t}" order by rowid`).all()]),
    );
  } finally {
    file.close();
  }
}

/** Pushes batches of new records from one phone over HTTP until told to stop; returns each batch's ids. */
function pushUntilStopped(registry: TestRegistry, token: string, startAt: number) {
  const batches: string[][] = [];
  let isStopped = false;
  const pushing = (async () => {
    for (let n = startAt; !isStopped; n += BATCH) {
      const records = Array.from({ length: BATCH }, (_, i) => makeRegistration(uniquePerson(n + i)));
      const res = await fetch(`${registry.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, records }),
      });
      if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
      batches.push(records.map((r) => r.id));
    }
  })();
  return {
    batches,
    async stop() {
      isStopped = true;
      await pushing;
    },
  };
}

/** Each command is a fresh Node process with tsx: seconds apiece on a busy machine. */
const CLI_TIMEOUT = { timeout: 180_000 };

describe('backup and restore on SQLite', CLI_TIMEOUT, () => {
  let dir: string;
  let databaseUrl: string;
  let registry: TestRegistry;
  let backupFile: string;
  let batchesBefore: string[][];
  let allBatches: string[][];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-backup-'));
    databaseUrl = `sqlite:${join(dir, 'registry.sqlite')}`;
    backupFile = join(dir, 'jaring-backup.sqlite');
    registry = await startRegistry({ databaseUrl });
  });
  afterAll(async () => {
    await registry?.close().catch(() => {}); // closed already by the --force test
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a backup while the registry takes pushes, holding whole batches only', async () => {
    const phone = await registry.enroll();
    const warmUp = pushUntilStopped(registry, phone.token, 1);
    while (warmUp.batches.length < 15) await new Promise((r) => setTimeout(r, 20));
    await warmUp.stop();
    batchesBefore = [...warmUp.batches];

    const load = pushUntilStopped(registry, phone.token, 1 + BATCH * warmUp.batches.length);
    const backup = await admin(databaseUrl, 'backup', backupFile);
    const batchesDuring = load.batches.length;
    await load.stop();
    allBatches = [...batchesBefore, ...load.batches];

    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout.trim().split('\n').at(-1)).toBe(backupFile);
    expect(batchesDuring).toBeGreaterThan(0); // the registry was writing while the CLI ran
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    const stored = new Set(sqliteRows(backupFile).registrations!.map((r) => (r as { id: string }).id));
    const inBackup = allBatches.map((ids) => ids.filter((id) => stored.has(id)).length);
    expect(inBackup.every((n) => n === 0 || n === BATCH)).toBe(true); // each push all or nothing
    expect(inBackup.slice(0, batchesBefore.length).every((n) => n === BATCH)).toBe(true);
    expect(stored.size).toBeLessThan(allBatches.length * BATCH); // later pushes are not in it
    const file = new SqliteDatabase(backupFile, { readonly: true });
    expect(file.pragma('foreign_key_check')).toEqual([]);
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    file.close();
  });

  it('never overwrites an existing backup', async () => {
    const before = sha256(backupFile);
    const again = await admin(databaseUrl, 'backup', backupFile);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(sha256(backupFile)).toBe(before);
  });

  it('restores into a fresh database with every row of every table identical, and it serves', async () => {
    const freshUrl = `sqlite:${join(dir, 'fresh', 'registry.sqlite')}`;
    const restored = await admin(freshUrl, 'restore', backupFile);
    expect(restored.code, restored.stderr).toBe(0);
    const freshPath = join(dir, 'fresh', 'registry.sqlite');
    expect(statSync(freshPath).mode & 0o777).toBe(0o600);
    const expected = sqliteRows(backupFile);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(sqliteRows(freshPath)).toEqual(expected);

    const h = await openHarness(freshUrl);
    try {
      expect((await h.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      expect(await countRows(h.app, 'registrations')).toBe(expected.registrations!.length);
    } finally {
      await h.app.close();
    }
  });

  it('refuses the database of a running registry, even with --force', async () => {
    const target = join(dir, 'registry.sqlite');
    const res = await admin(databaseUrl, 'restore', backupFile, '--force');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/in use: stop the registry first/);
    expect(await registry.countRegistrations()).toBe(allBatches.length * BATCH);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
    expect(statSync(target).size).toBeGreaterThan(0);
  });

  it('refuses a database that holds data without --force, and replaces it with --force', async () => {
    await registry.close();
    const target = join(dir, 'registry.sqlite');
    const config = makeConfig({ databaseUrl });
    const before = sha256(target);
    await expect(BACKUP_COMMANDS.restore!(config, [backupFile])).rejects.toThrow(/add --force/);
    expect(sha256(target)).toBe(before);

    await BACKUP_COMMANDS.restore!(config, [backupFile, '--force']);
    expect(sqliteRows(target)).toEqual(sqliteRows(backupFile));
    registry = await startRegistry({ databaseUrl });
    expect(await registry.countRegistrations()).toBeLessThan(allBatches.length * BATCH);
    await registry.close();
  });

  it.each([
    ['a text file', (path: string) => writeFileSync(path, 'NIK,Nama\n3573015708750001,Siti\n')],
    [
      'another program’s SQLite database',
      (path: string) => {
        const other = new SqliteDatabase(path);
        other.exec('create table registrations (id text); create table notes (t text)');
        other.close();
      },
    ],
    [
      'a damaged Jaring backup',
      (path: string) => {
        const bytes = readFileSync(backupFile);
        bytes.fill(0x5a, 8192, 16384); // pages 3 and 4 overwritten
        writeFileSync(path, bytes);
      },
    ],
  ])('refuses %s and leaves the target untouched', async (_label, make) => {
    const target = join(dir, 'registry.sqlite');
    const file = join(dir, `not-jaring-${Date.now()}`);
    make(file);
    const before = sha256(target);
    const config = makeConfig({ databaseUrl });
    const refusal = BACKUP_COMMANDS.restore!(config, [file, '--force']);
    await expect(refusal).rejects.toBeInstanceOf(BackupRefusal);
    await expect(refusal).rejects.toThrow(/not a Jaring database|not a readable SQLite|damaged/);
    expect(sha256(target)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });
});

describe('backup on PostgreSQL', CLI_TIMEOUT, () => {
  const engine = registryEngines()[1]!;
  const bin = findPostgresBin();

  /** Every row of every Jaring table, each table sorted by all its columns. */
  async function postgresRows(url: string): Promise<Record<string, unknown[]>> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ t: string }>(
        `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const rows: Record<string, unknown[]> = {};
      for (const { t } of tables.rows) {
        const count = (await client.query(`select * from "${t}" limit 0`)).fields.length;
        const order = Array.from({ length: count }, (_, i) => i + 1).join(', ');
        rows[t] = (await client.query(`select * from "${t}" order by ${order}`)).rows;
      }
      return rows;
    } finally {
      await client.end();
    }
  }

  it.runIf(engine.isAvailable && bin !== undefined)(
    'prints pg_dump and pg_restore commands without the password that round-trip every row',
    async () => {
      const url = new URL(await engine.newDatabaseUrl());
      url.password = 'rahasia-jangan-dicetak';
      const h = await openHarness(url.toString());
      const phone = await h.enroll();
      await h.push(phone.token, [makeRegistration(uniquePerson(9001)), makeRegistration(uniquePerson(9002))]);
      await h.app.close();

      const dir = mkdtempSync(join(tmpdir(), 'jaring-pgdump-'));
      try {
        const dump = join(dir, 'jaring.dump');
        const backup = await admin(url.toString(), 'backup', dump);
        expect(backup.code).toBe(1);
        expect(backup.stderr).not.toContain('rahasia');
        const database = url.pathname.slice(1);
        const commandOf = (tool: string) =>
          backup.stderr
            .split('\n')
            .find((l) => l.trim().startsWith(tool))!
            .trim();
        expect(commandOf('pg_dump')).toBe(
          `pg_dump --format=custom --host=127.0.0.1 --port=${url.port} --username=jaring --dbname=${database} --file=${dump}`,
        );
        const restore = await admin(url.toString(), 'restore', dump);
        expect(restore.code).toBe(1);
        expect(restore.stderr).toContain(commandOf('pg_restore'));

        const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
        await run('bash', ['-c', commandOf('pg_dump')], { env });
        const copy = new URL(await engine.newDatabaseUrl());
        const restoreIntoCopy = commandOf('pg_restore').replace(
          `--dbname=${database}`,
          `--dbname=${copy.pathname.slice(1)}`,
        );
        await run('bash', ['-c', restoreIntoCopy], { env });
        const expected = await postgresRows(url.toString());
        expect(expected.registrations).toHaveLength(2);
        expect(await postgresRows(copy.toString())).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
