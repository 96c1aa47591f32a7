/**
 * 0005: how far the phone's clock was off when it pushed a record (phone − registry, seconds), so the
 * office can tell a registration time written by a wrong clock. Nullable: records pushed before, and
 * by phones that do not measure it, have none.
 */
import type { Kysely, Migration } from 'kysely';

export const clockOffsetMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('registrations').addColumn('clock_offset_s', 'integer').execute();
  },
};
