/**
 * The nightly backup in deploy/backup/: the timer and service pass `systemd-analyze verify` (skipped
 * only where it is absent), and the script they run makes a whole backup on SQLite (through the admin
 * CLI) and on PostgreSQL (pg_dump, the connection from DATABASE_URL), then keeps the newest
 * BACKUP_KEEP of its own backups and never touches another file.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { findPostgresBin } from '../helpers/postgres';
import { openHarness } from './support';

afterAll(stopEngines);

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const DEPLOY = join(root, 'deploy/backup');
const SCRIPT = join(DEPLOY, 'jaring-backup.sh');
const OLD_BACKUPS = ['20261101T023000Z', '20261102T023000Z', '20261103T023000Z', '20261104T023000Z'];
const NOT_OURS = ['notes.txt', 'jaring-before-upgrade.sqlite'];

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The backup the script just made: named like its backups, and not one of the older ones. */
function newBackupIn(folder: string, extension: string): string | undefined {
  const pattern = new RegExp(`^jaring-(\\d{8}T\\d{6}Z)\\.${extension}$`);
  return readdirSync(folder).find((f) => {
    const stamp = pattern.exec(f)?.[1];
    return stamp !== undefined && !OLD_BACKUPS.includes(stamp);
  });
}

async function runScript(env: Record<string, string>) {
  return run('bash', [SCRIPT], { cwd: tmpdir(), env: { ...process.env, ...env } }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** A database with two registrations, made by a real registry. */
async function seed(databaseUrl: string): Promise<void> {
  const h = await openHarness(databaseUrl);
  try {
    const phone = await h.enroll();
    await h.push(phone.token, [makeRegistration(uniquePerson(8001)), makeRegistration(uniquePerson(8002))]);
  } finally {
    await h.app.close();
  }
}

describe('the systemd timer and service', () => {
  it.skipIf(!hasSystemdAnalyze())('pass systemd-analyze verify without a warning', async () => {
    const { stdout, stderr } = await run('systemd-analyze', [
      'verify',
      join(DEPLOY, 'jaring-backup.timer'),
      join(DEPLOY, 'jaring-backup.service'),
    ]);
    expect(stderr + stdout).toBe('');
  });

  it.each([
    ['jaring-backup.timer', 'OnCalendar=*-*-* 02:30:00'],
    ['jaring-backup.timer', 'Persistent=true'],
    ['jaring-backup.service', 'Type=oneshot'],
    ['jaring-backup.service', 'User=jaring'],
    ['jaring-backup.service', 'EnvironmentFile=/etc/jaring/jaring.env'],
    ['jaring-backup.service', 'Environment=BACKUP_KEEP=14'],
    ['jaring-backup.service', 'UMask=0077'],
    ['jaring-backup.service', 'ExecStart=/bin/bash /opt/jaring/deploy/backup/jaring-backup.sh'],
  ])('%s sets %s', (unit, line) => {
    expect(readFileSync(join(DEPLOY, unit), 'utf8').split('\n')).toContain(line);
  });
});

describe('deploy/backup/jaring-backup.sh', { timeout: 180_000 }, () => {
  let dir: string;
  let backups: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-nightly-'));
    backups = join(dir, 'backups');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fillWithOlderBackups(extension: string): void {
    rmSync(backups, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', backups]);
    for (const stamp of OLD_BACKUPS) writeFileSync(join(backups, `jaring-${stamp}.${extension}`), 'old');
    for (const name of NOT_OURS) writeFileSync(join(backups, name), 'keep me');
  }

  it('backs up SQLite, keeps the newest BACKUP_KEEP backups and leaves other files alone', async () => {
    const databaseUrl = `sqlite:${join(dir, 'registry.sqlite')}`;
    await seed(databaseUrl);
    fillWithOlderBackups('sqlite');
    const result = await runScript({ DATABASE_URL: databaseUrl, BACKUP_DIR: backups, BACKUP_KEEP: '3' });
    expect('code' in result ? result.stderr : '').toBe('');
    const made = newBackupIn(backups, 'sqlite');
    expect(made).toBeDefined();
    expect(readdirSync(backups).sort()).toEqual(
      [...NOT_OURS, made!, `jaring-${OLD_BACKUPS[2]}.sqlite`, `jaring-${OLD_BACKUPS[3]}.sqlite`].sort(),
    );
    expect(statSync(join(backups, made!)).mode & 0o777).toBe(0o600);
    const copy = new SqliteDatabase(join(backups, made!), { readonly: true });
    expect(copy.prepare('select count(*) from registrations').pluck().get()).toBe(2);
    copy.close();
  });

  it('refuses a BACKUP_KEEP that is not a whole number of at least 1, removing nothing', async () => {
    fillWithOlderBackups('sqlite');
    const result = await runScript({
      DATABASE_URL: 'sqlite:/nonexistent',
      BACKUP_DIR: backups,
      BACKUP_KEEP: '0',
    });
    expect('code' in result && result.code).toBe(2);
    expect(readdirSync(backups)).toHaveLength(OLD_BACKUPS.length + NOT_OURS.length);
  });

  const postgres = registryEngines()[1]!;
  const bin = findPostgresBin();
  it.runIf(postgres.isAvailable && bin !== undefined)(
    'backs up PostgreSQL with pg_dump from DATABASE_URL, password included, and rotates',
    async () => {
      const url = new URL(await postgres.newDatabaseUrl());
      url.password = 'p@ss w0rd:/?#';
      await seed(url.toString());
      fillWithOlderBackups('dump');
      const env = { PATH: `${bin}:${process.env.PATH}`, DATABASE_URL: url.toString(), BACKUP_DIR: backups };
      const result = await runScript({ ...env, BACKUP_KEEP: '2' });
      expect('code' in result ? result.stderr : '').toBe('');
      const dumps = readdirSync(backups).filter((f) => f.endsWith('.dump'));
      expect(dumps).toHaveLength(2);
      const made = newBackupIn(backups, 'dump');
      expect(dumps.sort()).toEqual([`jaring-${OLD_BACKUPS[3]}.dump`, made!].sort());
      const listing = (await run(join(bin!, 'pg_restore'), ['--list', join(backups, made!)])).stdout;
      expect(listing).toMatch(/TABLE DATA public registrations/);
    },
  );
});
