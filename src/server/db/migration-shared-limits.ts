/**
 * 0007: rate-limit buckets in the database, so every registry instance on one database counts the same
 * sign-in, password-change and enrollment attempts (see rate-limit-store.ts). One row per bucket: a
 * hash of the limiter and its key, the hits in the current window and when the window ends (ISO text,
 * like every time in the registry). `resets_at` is indexed so expired rows are deleted cheaply.
 */
import type { Kysely, Migration } from 'kysely';

export const sharedLimitsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limit_buckets')
      .addColumn('bucket', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('resets_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rate_limit_buckets_resets_at')
      .on('rate_limit_buckets')
      .column('resets_at')
      .execute();
  },
};
