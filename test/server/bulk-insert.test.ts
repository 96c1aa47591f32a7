/**
 * The hand-compiled multi-row insert (src/server/db/bulk-insert.ts) stores exactly what Kysely's own
 * insert of the same rows stores, on each engine; its `on conflict` tail works; its text is kept per shape.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compiledInsert } from '../../src/server/db/bulk-insert';
import type { NewRegistrationRow } from '../../src/server/db/schema';
import { toRegistrationRow } from '../../src/server/services/registration-row';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openStore } from './ingest-support';

afterAll(stopEngines);

function newRow(name: string, extra: Partial<NewRegistrationRow> = {}): NewRegistrationRow {
  const record = makeRegistration({ ...uniquePerson(), fullName: name });
  return {
    ...toRegistrationRow(record, 'phone-a', NOW),
    received_at: NOW,
    status: 'received',
    status_reason: null,
    status_changed_at: NOW,
    clock_offset_s: -2_147_483_000,
    ...extra,
  };
}

const NAMES = [`Siti "Ina" O'Neil`, 'Ñoño Ütari $1 ?', 'Budi'];

describe.each(registryEngines())('compiledInsert on $name', (engine) => {
  it.skipIf(!engine.isAvailable)('stores what Kysely stores for the same rows', async () => {
    const store = await openStore(await engine.newDatabaseUrl());
    try {
      const mine = NAMES.map((name) => newRow(name, { occupation_other: undefined }));
      const kysely = NAMES.map((name) => newRow(name, { occupation_other: undefined }));
      const columns = Object.keys(mine[0]!) as (keyof NewRegistrationRow)[];
      await store.db.executeQuery(compiledInsert(store.engine, 'registrations', columns, mine));
      await store.db.insertInto('registrations').values(kysely).execute();
      const read = async (rows: NewRegistrationRow[]) => {
        const stored = await store.db
          .selectFrom('registrations')
          .selectAll()
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('full_name')
          .execute();
        return stored.map(({ id: _id, nik: _nik, data: _data, ...rest }) => rest);
      };
      const stored = await read(mine);
      expect(stored).toHaveLength(NAMES.length);
      expect(stored).toEqual(await read(kysely));
      expect(stored.map((r) => r.occupation_other)).toEqual([null, null, null]);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!engine.isAvailable)('keeps a version once with its on-conflict tail', async () => {
    const store = await openStore(await engine.newDatabaseUrl());
    try {
      const columns = ['registration_id', 'version', 'data', 'device_id', 'received_at'] as const;
      const version = {
        registration_id: 'r1',
        version: 1,
        data: '{}',
        device_id: 'phone-a',
        received_at: NOW,
      };
      const tail = ' on conflict ("registration_id", "version") do nothing';
      const rows = [version, { ...version, version: 2 }];
      for (let i = 0; i < 2; i++) {
        await store.db.executeQuery(
          compiledInsert(store.engine, 'registration_versions', columns, rows, tail),
        );
      }
      const stored = await store.db.selectFrom('registration_versions').select('version').execute();
      expect(stored.map((r) => Number(r.version)).sort()).toEqual([1, 2]);
    } finally {
      await store.close();
    }
  });
});

describe('compiledInsert text', () => {
  it('numbers PostgreSQL parameters across rows and reuses the text of a shape', () => {
    const rows = [
      { a: 1, b: 'x' },
      { a: 2, b: undefined },
    ];
    const pg = compiledInsert('postgres', 't', ['a', 'b'], rows);
    expect(pg.sql).toBe('insert into "t" ("a", "b") values ($1, $2), ($3, $4)');
    expect(pg.parameters).toEqual([1, 'x', 2, null]);
    const sqlite = compiledInsert('sqlite', 't', ['a', 'b'], rows);
    expect(sqlite.sql).toBe('insert into "t" ("a", "b") values (?, ?), (?, ?)');
    expect(compiledInsert('sqlite', 't', ['a', 'b'], rows).sql).toBe(sqlite.sql);
  });
});
