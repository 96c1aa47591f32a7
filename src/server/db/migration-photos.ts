/**
 * 0011: KTP photos, stored in the database itself so that one backup (the SQLite file, or the
 * PostgreSQL dump) holds every record and its photo together; at 250 KB a photo, a city's 26,400 people
 * add about 6.6 GB at most. Keyed by (registration, SHA-256 of the bytes): the phone's PUT is idempotent,
 * and a retried upload can never store a second copy. No foreign key: erasure deletes a record's photos
 * in the same transaction as the record (services/erasure.ts).
 */
import type { Kysely, Migration } from 'kysely';
import type { Engine } from './connect';

export function photosMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('registration_photos')
        .addColumn('registration_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        /** The type sniffed from the bytes at upload, never the client's header. */
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('data', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registration_photos_pk', ['registration_id', 'sha256'])
        .execute();
    },
  };
}
