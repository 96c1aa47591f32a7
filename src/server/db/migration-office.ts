/**
 * 0003: what Kantor, the office console, needs. Every accepted version of a record (the review's
 * version history), every duplicate-NIK attempt with the data the phone sent (the duplicates screen),
 * the people the city already covers (imported from BPJS), a void mark on registrations (a wrong record
 * leaves coverage and the export and frees its NIK), and the phones' health as they report it.
 * Existing rows are untouched; new columns are nullable.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './connect';

/** Today's record of every registration is its first known version. */
async function backfillVersions(db: Kysely<unknown>): Promise<void> {
  await sql`insert into registration_versions (registration_id, version, data, device_id, received_at)
    select id, version, data, device_id, updated_at from registrations`.execute(db);
}

/**
 * The change feed also tells a phone about a record the registry never stored — a duplicate-NIK attempt
 * the office settled ("same person", "NIK mistyped") — so `changes.registration_id` loses its foreign
 * key. PostgreSQL drops the constraint; SQLite cannot, so the table is rebuilt with its rows and index.
 */
async function changesWithoutRegistrationKey(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`alter table changes drop constraint if exists changes_registration_id_fkey`.execute(db);
    return;
  }
  await sql`create table changes_v3 (
    seq integer primary key autoincrement,
    registration_id text not null,
    device_id text not null,
    version integer not null,
    status text not null,
    reason text,
    changed_at text not null)`.execute(db);
  await sql`insert into changes_v3 select seq, registration_id, device_id, version, status, reason, changed_at
    from changes`.execute(db);
  await sql`drop table changes`.execute(db);
  await sql`alter table changes_v3 rename to changes`.execute(db);
  await sql`create index changes_device_seq on changes (device_id, seq)`.execute(db);
}

export function officeMigration(engine: Engine): Migration {
  const autoKey = engine === 'postgres' ? ('serial' as const) : ('integer' as const);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('registration_versions')
        .addColumn('registration_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registration_versions_pkey', ['registration_id', 'version'])
        .execute();

      await db.schema
        .createTable('duplicate_attempts')
        .addColumn('id', autoKey, (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('nik', 'text', (c) => c.notNull())
        .addColumn('kelurahan_kode', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        // What holds the NIK: a registration (its id) or a person already covered (the NIK itself).
        .addColumn('holder_source', 'text', (c) => c.notNull())
        .addColumn('holder_id', 'text', (c) => c.notNull())
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('resolution_note', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addUniqueConstraint('duplicate_attempts_record_version', ['record_id', 'version'])
        .execute();
      await db.schema
        .createIndex('duplicate_attempts_open')
        .on('duplicate_attempts')
        .columns(['resolution', 'attempted_at'])
        .execute();

      await db.schema
        .createTable('covered_people')
        .addColumn('nik', 'text', (c) => c.primaryKey())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('kelurahan_kode', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('covered_people_kelurahan')
        .on('covered_people')
        .column('kelurahan_kode')
        .execute();

      await db.schema
        .createTable('import_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();

      for (const column of ['voided_at', 'void_reason']) {
        await db.schema.alterTable('registrations').addColumn(column, 'text').execute();
      }
      await db.schema
        .createIndex('registrations_status_received')
        .on('registrations')
        .columns(['status', 'received_at'])
        .execute();

      const deviceColumns: Array<[string, 'text' | 'integer']> = [
        ['code_expires_at', 'text'],
        ['last_seen_at', 'text'],
        ['last_push_at', 'text'],
        ['app_version', 'text'],
        ['pending_count', 'integer'],
        ['oldest_pending_at', 'text'],
        ['storage_persisted', 'integer'],
        ['clock_offset_ms', 'integer'],
      ];
      for (const [column, type] of deviceColumns) {
        await db.schema.alterTable('devices').addColumn(column, type).execute();
      }
      await backfillVersions(db);
      await changesWithoutRegistrationKey(db, engine);
      // Codes made before expiry existed keep working for 7 more days, then expire like new ones.
      await sql`update devices set code_expires_at = ${new Date(Date.now() + 7 * 86_400_000).toISOString()}
        where enrollment_code_hash is not null`.execute(db);
    },
  };
}
