/**
 * A throwaway PostgreSQL cluster for tests, started from the installed server binaries
 * (/usr/lib/postgresql/<newest>/bin) on a free 127.0.0.1 port, with its socket and data in a temp dir,
 * deleted on stop. initdb refuses to run as root, so as root the binaries run as the `postgres` user.
 * TEST_DATABASE_URL, when set, is used instead (each suite still gets its own fresh database).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_ROOT = '/usr/lib/postgresql';

export interface PostgresServer {
  /** A URL to the server's maintenance database; use createDatabase() for a fresh one. */
  adminUrl: string;
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The newest installed bin dir holding initdb, or undefined. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(PG_ROOT, versions[0], 'bin');
}

export function isPostgresAvailable(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL) || findPostgresBin() !== undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function runPg(bin: string, tool: string, args: string[]): void {
  const command = isRoot() ? 'runuser' : join(bin, tool);
  const argv = isRoot() ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

function makeOwnedTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

let databaseCounter = 0;

function serverAt(adminUrl: string, stop: () => Promise<void>): PostgresServer {
  return {
    adminUrl,
    async createDatabase() {
      const name = `jaring_test_${process.pid}_${Date.now()}_${++databaseCounter}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

export interface PostgresOptions {
  /** fsync and full-page writes on, as in production (benchmarks); tests run without, for speed. */
  isDurable?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return serverAt(external, async () => {});
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const dir = makeOwnedTempDir();
  const data = join(dir, 'data');
  const port = await freePort();
  runPg(bin, 'initdb', ['-D', data, '-U', 'jaring', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const durability = options.isDurable ? '' : ' -c fsync=off -c full_page_writes=off';
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durability}`;
  runPg(bin, 'pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = async () => {
    try {
      runPg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return serverAt(`postgres://jaring@127.0.0.1:${port}/postgres`, stop);
}
