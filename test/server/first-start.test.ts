/**
 * The first admin is always told how to sign in: written to a 0600 file before the start can fail
 * (no terminal), or issued again on the next start when a terminal start died before printing it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAdminToTell, markFirstAdminDelivered } from '../../src/server/services/first-start';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { login } from './officers';
import { openHarness } from './support';

afterAll(stopEngines);

const run = promisify(execFile);
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
  let blocker: Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-first-'));
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the password to a 0600 file before a failed listen, and it signs in', async () => {
    const file = join(dir, 'secret', 'first-admin.txt');
    const databaseUrl = `sqlite:${join(dir, 'registry.sqlite')}`;
    const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' };
    const result = await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...env, STATIC_DIR: '', FIRST_START_FILE: file, LOG_LEVEL: 'silent' },
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result && result.code).toBe(1); // the port was taken
    expect(result.stdout).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = /Password:\s+(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const h = await openHarness(databaseUrl);
    try {
      expect((await login(h.app, 'admin', password!)).statusCode).toBe(200);
    } finally {
      await h.app.close();
    }
  });
});
