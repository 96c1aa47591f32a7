/**
 * The SQLite file holds personal data: the folder the registry creates for it is 0700, a new file 0600
 * (its -wal and -shm take the file's mode), and `secure_delete` zeroes what a delete or an update
 * leaves behind. SQLite only: PostgreSQL's files belong to its own server.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';

const dir = mkdtempSync(join(tmpdir(), 'jaring-perm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite file', () => {
  it('gets a 0700 folder and a 0600 file when the registry creates them', async () => {
    const path = join(dir, 'data', 'jaring.sqlite');
    const store = await openDatabase(`sqlite:${path}`);
    try {
      expect(modeOf(join(dir, 'data')).toString(8)).toBe('700');
      expect(modeOf(path).toString(8)).toBe('600');
      expect(modeOf(`${path}-wal`).toString(8)).toBe('600');
    } finally {
      await store.close();
    }
  });

  it('runs with secure_delete on', async () => {
    const store = await openDatabase(`sqlite:${join(dir, 'other', 'x.sqlite')}`);
    try {
      const { rows } = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(store.db);
      expect(rows[0]?.secure_delete).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('leaves no deleted personal data readable in the file', async () => {
    const path = join(dir, 'zeroed', 'z.sqlite');
    const store = await openDatabase(`sqlite:${path}`);
    const marker = 'NamaRahasiaYangDihapus'.repeat(20);
    try {
      await sql`create table scratch (t text)`.execute(store.db);
      await sql`insert into scratch values (${marker})`.execute(store.db);
      await sql`delete from scratch`.execute(store.db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    } finally {
      await store.close();
    }
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).includes(Buffer.from(marker))).toBe(false);
  });
});
