/**
 * The database engines a registry suite runs against: SQLite (a file in a temp dir) always, and
 * PostgreSQL when its binaries or TEST_DATABASE_URL are there. With CI=true a missing PostgreSQL is an
 * error, so CI can never pass by skipping; elsewhere the PostgreSQL suite skips with a message.
 *
 * Usage: `describe.each(registryEngines())('… on $name', (engine) => { … engine.newDatabaseUrl() … })`
 * and `afterAll(stopEngines)` at the top level of the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresAvailable, startPostgres, type PostgresServer } from './postgres';

export interface RegistryEngine {
  name: 'sqlite' | 'postgres';
  isAvailable: boolean;
  /** A fresh, empty database for one suite. */
  newDatabaseUrl(): Promise<string>;
}

const tempDirs: string[] = [];
let postgres: Promise<PostgresServer> | undefined;

const sqlite: RegistryEngine = {
  name: 'sqlite',
  isAvailable: true,
  async newDatabaseUrl() {
    const dir = mkdtempSync(join(tmpdir(), 'jaring-sqlite-'));
    tempDirs.push(dir);
    return `sqlite:${join(dir, 'registry.sqlite')}`;
  },
};

const postgresEngine: RegistryEngine = {
  name: 'postgres',
  isAvailable: isPostgresAvailable(),
  async newDatabaseUrl() {
    postgres ??= startPostgres();
    return (await postgres).createDatabase();
  },
};

export function registryEngines(): RegistryEngine[] {
  if (!postgresEngine.isAvailable) {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but PostgreSQL is missing: install postgresql or set TEST_DATABASE_URL');
    }
    console.warn(
      'PostgreSQL not installed and TEST_DATABASE_URL not set: skipping the PostgreSQL registry suite',
    );
  }
  return [sqlite, postgresEngine];
}

/** Stops the cluster (if one was started) and deletes the SQLite temp dirs. */
export async function stopEngines(): Promise<void> {
  const server = postgres;
  postgres = undefined;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (server) await (await server).stop();
}
