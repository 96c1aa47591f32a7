/**
 * 0010: what a registry of a province or the nation needs to answer in time.
 *
 * 1. The export reads keyset pages ordered by (kelurahan, name, id); without an index in that order
 *    every page sorted the whole table (quadratic: 15,000 rows/s at 300,000 rows, worse beyond). The
 *    new index also serves every `kelurahan_kode in (…)` filter, so the single-column one is dropped.
 *
 * 2. Coverage counts kept in step with every write.
 *
 * Coverage used to count `registrations` grouped by kelurahan on every read: fine for a city's 26,400
 * rows, seconds at 10 million. `kelurahan_counts` holds, per kelurahan, how many registrations count
 * toward coverage (not rejected, not voided) and how many of them the APBD pays for. Triggers on
 * `registrations` keep it exact inside the writing transaction — an ingest, an officer's verdict, a
 * void, a deletion — so no code path can forget it, and a rolled-back write rolls its count back too.
 *
 * Invariant (tested on both engines): for every kelurahan, `registered` and `apbd` equal the grouped
 * count over `registrations`. A later migration that rebuilds `registrations` (SQLite's way to change a
 * constraint) drops these triggers and must create them again.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './connect';

/** A row counts toward coverage: the same rule as the export's and the overview's. */
const COUNTED = (row: 'new' | 'old') => `${row}.status <> 'rejected' and ${row}.voided_at is null`;
const APBD = (row: 'new' | 'old') => `case when ${row}.funding = 'APBD' then 1 else 0 end`;
/** An update only touches the counts when one of these changes. */
const COUNT_CHANGED = `(${COUNTED('old')}) <> (${COUNTED('new')})
  or old.kelurahan_kode <> new.kelurahan_kode or old.funding <> new.funding`;

const addNew = (conflictTarget: string) => `insert into kelurahan_counts (kelurahan_kode, registered, apbd)
    select new.kelurahan_kode, 1, ${APBD('new')} where ${COUNTED('new')}
    on conflict (kelurahan_kode) do update set registered = ${conflictTarget}.registered + 1,
      apbd = ${conflictTarget}.apbd + excluded.apbd`;
const removeOld = `update kelurahan_counts set registered = registered - 1, apbd = apbd - ${APBD('old')}
    where kelurahan_kode = old.kelurahan_kode and ${COUNTED('old')}`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create trigger kelurahan_counts_insert after insert on registrations
      begin ${addNew('kelurahan_counts')}; end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger kelurahan_counts_delete after delete on registrations
      begin ${removeOld}; end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger kelurahan_counts_update after update of status, voided_at, kelurahan_kode, funding
      on registrations when ${COUNT_CHANGED}
      begin ${removeOld}; ${addNew('kelurahan_counts')}; end`,
    )
    .execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function kelurahan_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then ${removeOld}; end if;
      if tg_op in ('UPDATE', 'INSERT') then ${addNew('kelurahan_counts')}; end if;
      return null;
    end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger kelurahan_counts_insert_delete after insert or delete on registrations
      for each row execute function kelurahan_counts_apply()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger kelurahan_counts_update after update of status, voided_at, kelurahan_kode, funding
      on registrations for each row when (${COUNT_CHANGED}) execute function kelurahan_counts_apply()`,
    )
    .execute(db);
}

export function nationalScaleMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('registrations_export_order')
        .on('registrations')
        .columns(['kelurahan_kode', 'full_name', 'id'])
        .execute();
      await db.schema.dropIndex('registrations_kelurahan').execute();
      await db.schema
        .createTable('kelurahan_counts')
        .addColumn('kelurahan_kode', 'text', (c) => c.primaryKey())
        .addColumn('registered', 'integer', (c) => c.notNull())
        .addColumn('apbd', 'integer', (c) => c.notNull())
        .execute();
      await sql`insert into kelurahan_counts (kelurahan_kode, registered, apbd)
        select kelurahan_kode, count(*), sum(case when funding = 'APBD' then 1 else 0 end)
        from registrations where status <> 'rejected' and voided_at is null
        group by kelurahan_kode`.execute(db);
      await (engine === 'postgres' ? postgresTriggers(db) : sqliteTriggers(db));
    },
  };
}
