/**
 * The schema, as in-code Kysely migrations run at every start-up (already-applied ones are skipped).
 * One set for both engines; the only difference is how an auto-incrementing key is spelled.
 * Never edit a migration that has shipped: add a new one.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './connect';
import { accountsMigration } from './migration-accounts';
import { clockOffsetMigration } from './migration-clock-offset';
import { nationalScaleMigration } from './migration-national-scale';
import { dataProtectionMigration } from './migration-data-protection';
import { officeMigration } from './migration-office';
import { photosMigration } from './migration-photos';
import { sharedLimitsMigration } from './migration-shared-limits';
import { registryChecksMigration } from './migration-registry-checks';

function serialKey(engine: Engine) {
  return engine === 'postgres' ? ('serial' as const) : ('integer' as const);
}

function initial(engine: Engine): Migration {
  const autoKey = serialKey(engine);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kelurahan_kode', 'text')
        .addColumn('enrollment_code_hash', 'text', (c) => c.unique())
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('enrolled_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('nik', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('name_search', 'text', (c) => c.notNull())
        .addColumn('birth_place', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('rt', 'text', (c) => c.notNull())
        .addColumn('rw', 'text', (c) => c.notNull())
        .addColumn('kelurahan_kode', 'text', (c) => c.notNull())
        .addColumn('kecamatan_kode', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('occupation', 'text', (c) => c.notNull())
        .addColumn('occupation_other', 'text')
        .addColumn('monthly_income', 'integer', (c) => c.notNull())
        .addColumn('programme', 'text', (c) => c.notNull())
        .addColumn('funding', 'text', (c) => c.notNull())
        .addColumn('heir_name', 'text', (c) => c.notNull())
        .addColumn('heir_relationship', 'text', (c) => c.notNull())
        .addColumn('heir_phone', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('status_changed_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'registrations_status_check',
          sql`status in ('received', 'verified', 'active', 'rejected')`,
        )
        .execute();
      await db.schema
        .createIndex('registrations_kelurahan')
        .on('registrations')
        .column('kelurahan_kode')
        .execute();
      await db.schema.createIndex('registrations_device').on('registrations').column('device_id').execute();

      await db.schema
        .createTable('changes')
        .addColumn('seq', autoKey, (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_device_seq').on('changes').columns(['device_id', 'seq']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', autoKey, (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('coverage_targets')
        .addColumn('kelurahan_kode', 'text', (c) => c.primaryKey())
        .addColumn('estimated_workers', 'integer', (c) => c.notNull())
        .addColumn('target_percent', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('admin_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
    },
  };
}

/** Applies every pending migration; throws (and the server does not start) if one fails. */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({
        '0001_initial': initial(engine),
        '0002_accounts': accountsMigration,
        '0003_office': officeMigration(engine),
        '0004_registry_checks': registryChecksMigration,
        '0005_clock_offset': clockOffsetMigration,
        '0006_data_protection': dataProtectionMigration,
        '0007_shared_limits': sharedLimitsMigration,
        '0010_national_scale': nationalScaleMigration(engine),
        '0011_photos': photosMigration(engine),
      }),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
