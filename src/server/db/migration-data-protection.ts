/**
 * 0006: personal-data protection (UU PDP 27/2022).
 *   - `erasures`: one row per record erased on the person's request. Only what the audit and the sync
 *     need: the record's id and its phone (so a late push of it is closed, and the phone told to drop
 *     it), who erased it, when, and a keyed slow hash of the NIK — no name, no NIK, no reason text.
 *   - `changes.erased`: a change-feed entry that tells the phone to delete the record (1), not a status.
 *   - an index on `audit_log (actor, action, at)`: the device list counts each phone's duplicate answers
 *     and NIK changes of the last hours from the audit log.
 * Existing rows are untouched; the new column is nullable.
 */
import type { Kysely, Migration } from 'kysely';

export const dataProtectionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('erasures')
      .addColumn('record_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('nik_hash', 'text', (c) => c.notNull())
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addColumn('erased_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('erasures_nik_hash').on('erasures').column('nik_hash').execute();
    await db.schema.alterTable('changes').addColumn('erased', 'integer').execute();
    await db.schema
      .createIndex('audit_log_actor_action_at')
      .on('audit_log')
      .columns(['actor', 'action', 'at'])
      .execute();
  },
};
