/**
 * Gates for forcing an interleaving of pushes on PostgreSQL: a row whose street is "Gerbang <k>" waits,
 * after its insert, for advisory lock 8000 + k, which the test holds until it lets that push go on.
 * The trigger is named `gate`, so it fires before `kelurahan_counts_…` for the same row (PostgreSQL
 * fires a row's AFTER triggers in name order): a gated row waits before it is counted.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';

export async function installGates(db: Kysely<Database>): Promise<void> {
  await sql
    .raw(
      `create function gate() returns trigger language plpgsql as $$
       begin
         if new.street like 'Gerbang %' then
           perform pg_advisory_xact_lock_shared(8000 + substr(new.street, 9)::int);
         end if;
         return new;
       end $$;
       create trigger gate after insert on registrations for each row execute function gate()`,
    )
    .execute(db);
}
