/** The admin CLI as scripts use it: a real process on a real SQLite file, the secret on the last line. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness } from './support';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

// Each call starts a real process (Node + tsx, 1–3 s on a busy 2-core machine) and a test makes up to a
// dozen of them: the project's 30 s default was cut close under a full parallel run.
describe('npm run admin', { timeout: 120_000 }, () => {
  let dir: string;
  let databaseUrl: string;

  async function admin(...args: string[]) {
    const result = await run(process.execPath, ['--import', 'tsx', 'src/server/admin-cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    const lines = result.stdout.trim().split('\n');
    return {
      code: 'code' in result ? result.code : 0,
      lastLine: lines.at(-1) ?? '',
      stdout: result.stdout,
      stderr: result.stderr,
    };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-cli-'));
    databaseUrl = `sqlite:${join(dir, 'registry.sqlite')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a code a phone can enroll with, sets a target, lists and revokes devices', async () => {
    const made = await admin('create-code', '--name', 'HP Bu Siti', '--kelurahan', '3573011005');
    expect(made.code).toBe(0);
    expect(made.lastLine).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await admin('set-target', '3573011005', '1200', '50')).lastLine).toBe('3573011005 1200 50%');

    const h = await openHarness(databaseUrl);
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { code: made.lastLine },
      });
      expect(res.statusCode).toBe(201);
      const coverage = (await h.app.inject({ url: '/api/v1/admin/coverage', headers: h.admin })).json();
      const kel = coverage.kelurahan.find((k: { kode: string }) => k.kode === '3573011005');
      expect(kel).toMatchObject({ estimatedWorkers: 1200, targetPeople: 600 });
      expect(coverage.kelurahan.every((k: { estimatedWorkers: number }) => k.estimatedWorkers > 0)).toBe(
        true,
      );
    } finally {
      await h.app.close();
    }
    const deviceId = (await admin('list-devices')).stdout.split('\n')[1]!.split(/\s+/)[0]!;
    expect((await admin('revoke-device', deviceId)).lastLine).toBe(deviceId);
    const token = await admin('create-token', '--label', 'BI kota', '--role', 'verifikator');
    expect(token.lastLine).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('prints device names and token labels with their control characters visible', async () => {
    const name = 'HP \u001b[2J\u001b]0;root\u0007 \u202Eetis';
    expect((await admin('create-code', '--name', name)).code).toBe(0);
    expect((await admin('create-token', '--label', 'BI \u001b[31m', '--role', 'verifikator')).code).toBe(0);
    const devices = (await admin('list-devices')).stdout;
    const tokens = (await admin('list-tokens')).stdout;
    for (const out of [devices, tokens]) expect(out).not.toMatch(/(?![\n])[\p{Cc}\u202e]/u);
    expect(devices).toContain('HP \\u{1b}[2J\\u{1b}]0;root\\u{7} \\u{202e}etis');
    expect(tokens).toContain('BI \\u{1b}[31m');
  });

  it('makes a code valid for --days days (7 by default), refusing days outside 1–30', async () => {
    const expiryOf = (stdout: string) => Date.parse(/valid once until (\S+):/.exec(stdout)?.[1] ?? '');
    const before = Date.now();
    const standard = await admin('create-code', '--name', 'HP Pak RT');
    const short = await admin('create-code', '--name', 'HP Bu RW', '--days', '2');
    for (const [made, days] of [
      [standard, 7],
      [short, 2],
    ] as const) {
      expect(made.code).toBe(0);
      expect(expiryOf(made.stdout) - before).toBeGreaterThanOrEqual(days * 86_400_000);
      expect(expiryOf(made.stdout) - before).toBeLessThan(days * 86_400_000 + 60_000);
    }
    expect((await admin('create-code', '--days', '31')).code).toBe(2);
  });

  it('manages officers and tokens; the secret is the last line; the actor is the OS user', async () => {
    const made = await admin(
      'create-user',
      '--username',
      'Siti',
      '--role',
      'operator',
      '--kelurahan',
      '3573011005',
      '--name',
      'Bu Siti',
    );
    expect(made.code).toBe(0);
    const oneTime = made.lastLine;
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, 'sambal-terasi-pedas-1\n');
    const scripted = await admin(
      'create-user',
      '--username',
      'verif1',
      '--role',
      'verifikator',
      '--password-file',
      passwordFile,
    );
    expect(scripted.lastLine).toBe('verif1');
    expect((await admin('create-user', '--username', 'verif1', '--role', 'verifikator')).code).toBe(1);
    expect((await admin('list-users')).stdout).toMatch(/siti\s+operator\s+active/);
    expect((await admin('set-role', '--username', 'siti', '--role', 'verifikator')).lastLine).toBe(
      'verifikator',
    );
    const reset = await admin('reset-password', '--username', 'siti');
    expect(reset.lastLine).not.toBe(oneTime);
    expect((await admin('deactivate-user', '--username', 'siti')).lastLine).toBe('siti');
    expect((await admin('unlock-user', '--username', 'verif1')).code).toBe(0);

    const token = await admin(
      'create-token',
      '--label',
      'Skrip ekspor',
      '--role',
      'verifikator',
      '--days',
      '7',
    );
    const tokenId = /Token (\S+)/.exec(token.stdout)?.[1];
    expect((await admin('list-tokens')).stdout).toContain(tokenId);
    expect((await admin('revoke-token', tokenId!)).lastLine).toBe(tokenId);
    expect((await admin('revoke-token', tokenId!)).code).toBe(1);

    const h = await openHarness(databaseUrl);
    try {
      const login = (username: string, password: string) =>
        h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      expect((await login('verif1', 'sambal-terasi-pedas-1')).statusCode).toBe(200);
      expect((await login('siti', reset.lastLine)).statusCode).toBe(401); // deactivated
      const audit = (await h.app.inject({ url: '/api/v1/admin/audit', headers: h.admin })).json().items;
      const create = audit.find((e: { action: string }) => e.action === 'user.create');
      expect(create.actor).toBe(`cli:${userInfo().username}`);
    } finally {
      await h.app.close();
    }
  });

  it.each([
    [['create-user', '--username', 'x1y', '--role', 'boss']],
    [['create-user', '--username', 'op1', '--role', 'operator']],
    [['create-token', '--label', 'x']],
  ])('refuses %j with usage', async (args) => {
    const result = await admin(...args);
    expect(result.code).toBe(2);
  });

  it.each([[['bogus']], [['set-target', '0000000000', '5']], [['create-code', '--name']]])(
    'exits 2 with usage on %j',
    async (args) => {
      const result = await admin(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage');
    },
  );
});
