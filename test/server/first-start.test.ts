/**
 * The first admin is always told how to sign in: written to a 0600 file (no terminal), or issued
 * again on the next start when a start died before telling it (the port was taken, say).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAdminToTell, markFirstAdminDelivered } from '../../src/server/services/first-start';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { login } from './officers';
import { openHarness } from './support';

afterAll(stopEngines);

const root = resolve(import.meta.dirname, '../..');

describe.each(registryEngines())('first admin on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    it('issues a fresh one-time password on each start until one was delivered', async () => {
      const h = await openHarness(await engine.newDatabaseUrl());
      try {
        const { db } = h.app.registry.store;
        const first = await firstAdminToTell(db, NOW);
        expect(first?.username).toBe('admin');
        const [row] = await db.selectFrom('users').select('display_name').execute();
        expect(row?.display_name).toBe('Admin kota');
        const second = await firstAdminToTell(db, NOW); // the first start died before telling anyone
        expect(second?.password).not.toBe(first?.password);
        expect((await login(h.app, 'admin', first!.password)).statusCode).toBe(401);
        const signedIn = await login(h.app, 'admin', second!.password);
        expect(signedIn.json()).toEqual({ mustChangePassword: true });
        await markFirstAdminDelivered(db, NOW);
        expect(await firstAdminToTell(db, NOW)).toBeUndefined();
      } finally {
        await h.app.close();
      }
    });
  });
});

describe('npm start without a terminal', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-first-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts the registry on a free port; resolves with its stdout once `line` matches, then stops it. */
  function startUntil(env: NodeJS.ProcessEnv, line: RegExp): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env });
    let stdout = '';
    const silent = setTimeout(() => child.kill('SIGTERM'), 20_000); // it never said it
    return new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (line.test(stdout)) child.kill('SIGTERM');
      });
      child.once('exit', () => {
        clearTimeout(silent);
        if (line.test(stdout)) done(stdout);
        else fail(new Error(`no ${line}: ${stdout}`));
      });
    });
  }

  it('writes the password to a 0600 file, never to stdout, and it signs in', async () => {
    const file = join(dir, 'secret', 'first-admin.txt');
    const databaseUrl = `sqlite:${join(dir, 'registry.sqlite')}`;
    const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' };
    const stdout = await startUntil(
      { ...env, STATIC_DIR: '', FIRST_START_FILE: file, LOG_LEVEL: 'silent' },
      /password is in .*\n/,
    );
    expect(stdout).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = /Password:\s+(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(stdout).not.toContain(password);
    const h = await openHarness(databaseUrl);
    try {
      expect((await login(h.app, 'admin', password!)).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });

  /** Resolves with the exit code of a start that is expected to stop by itself. */
  function startToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env });
    let output = '';
    const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a start that listened after all
    return new Promise((done) =>
      child.once('exit', (code) => {
        clearTimeout(killer);
        done({ code, output });
      }),
    );
  }

  // A real process, because what is tested is main.ts's order (listen, then migrate and tell) and an
  // exit on a taken port. SQLite only: the order does not depend on the engine, and the in-process
  // test above covers re-issuing on both.
  it('tells the first admin after a first start that died on a taken port', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    const file = join(dir, 'died', 'first-admin.txt');
    const databaseUrl = `sqlite:${join(dir, 'died.sqlite')}`;
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      STATIC_DIR: '',
      FIRST_START_FILE: file,
      LOG_LEVEL: 'silent',
    };
    try {
      const died = await startToExit({ ...env, PORT: String(port) });
      expect(died.code, died.output).not.toBe(0);
      expect(died.output).toMatch(/EADDRINUSE/);
      expect(existsSync(file)).toBe(false); // nothing was told
    } finally {
      await new Promise((r) => taken.close(r));
    }
    const stdout = await startUntil({ ...env, PORT: '0' }, /password is in .*\n/);
    expect(stdout).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = /Password:\s+(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const h = await openHarness(databaseUrl);
    try {
      const signedIn = await login(h.app, 'admin', password!);
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json()).toEqual({ mustChangePassword: true });
    } finally {
      await h.app.close();
    }
  });
});
