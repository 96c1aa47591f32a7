/**
 * A registry as a real child process (`node --import tsx src/server/main.ts`, the same entry point as
 * `npm start`), for tests that must kill one with SIGKILL: no close hook runs, in-flight transactions
 * die with their connections, exactly as when a machine loses power. API only (no dist/), on 127.0.0.1
 * and a port of its own that survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;

export interface RegistryProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Is the process running (started and not yet killed or stopped)? */
  isUp(): boolean;
  /** SIGKILL: no graceful close. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database; resolves once /healthz answers. */
  start(): Promise<void>;
  /** SIGTERM (graceful close) and removes its temp dir. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Waits for readiness, not liveness: the registry listens before its migrations run and answers every
 * /api/ request 503 until they are done, so a caller that only waited for /healthz raced the migrations.
 */
async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`registry exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry at ${url} did not become ready:\n${output()}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

export async function startRegistryProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RegistryProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jaring-process-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const registry: RegistryProcess = {
    url,
    isUp: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async start() {
      log = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: databaseUrl,
          HOST: '127.0.0.1',
          PORT: String(port),
          STATIC_DIR: '',
          LOG_LEVEL: 'warn',
          FIRST_START_FILE: join(dir, 'first-admin-password.txt'),
          ...env,
        },
      });
      const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      await waitForReady(url, child, () => log);
    },
    async kill() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child && registry.isUp()) {
        child.kill('SIGTERM');
        await exited(child);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await registry.start();
  return registry;
}
