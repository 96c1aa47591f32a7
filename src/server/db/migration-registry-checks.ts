/**
 * 0004: checks the registry makes at ingest that the office must see. A record pushed by a phone
 * enrolled for another kelurahan is accepted (a volunteer may help next door) but keeps the phone's
 * kelurahan in `mismatched_device_kelurahan`, so Kantor can warn and filter; null when they agree or
 * the phone has no kelurahan. Rows stored before 0004 are flagged from their device as it is now.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const registryChecksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('registrations').addColumn('mismatched_device_kelurahan', 'text').execute();
    await sql`update registrations set mismatched_device_kelurahan = (
        select d.kelurahan_kode from devices d
        where d.id = registrations.device_id
          and d.kelurahan_kode is not null and d.kelurahan_kode <> registrations.kelurahan_kode)`.execute(db);
  },
};
