/**
 * An officer's verdict that deadlocks with a concurrent writer is run again, not answered with an error.
 * Only PostgreSQL has row locks that can deadlock (SQLite runs one transaction at a time). The deadlock
 * is made on purpose: another transaction holds the kelurahan's coverage count (as a push into that
 * kelurahan does) and then wants the registration the verdict has just updated.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatuses } from '../../src/server/services/status';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const postgres = registryEngines().filter((e) => e.name === 'postgres');

describe.each(postgres)('a deadlocked verdict on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let url: string;

    beforeAll(async () => {
      url = await engine.newDatabaseUrl();
      // PostgreSQL aborts the session whose deadlock_timeout runs out first once the circle is closed.
      // The registry's sessions check after 5 s and the other one after 60 s, so the verdict is the one
      // aborted (and run again) however slowly a busy machine closes the circle; with the default 1 s
      // for both, a slow close made the other session the victim.
      const registryUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c deadlock_timeout=5s')}`;
      h = await openHarness(registryUrl);
    });
    afterAll(async () => h?.app.close());

    it('is run again after the other transaction wins, and counts right', async () => {
      const record = makeRegistration(uniquePerson(71));
      await h.push((await h.enroll()).token, [record]);
      const kelurahan = record.address.kelurahanKode;
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query(`set deadlock_timeout = '60s'`);
        await other.query('begin');
        await other.query(`update kelurahan_counts set apbd = apbd where kelurahan_kode = $1`, [kelurahan]);
        const verdict = setStatuses(h.app.registry.store, new Date().toISOString(), 'test', [record.id], {
          status: 'rejected',
          reason: 'Foto KTP buram',
        });
        await waitForLockWait(other);
        // Now the verdict holds the registration and waits for the count: close the circle.
        await other.query(`update registrations set street = street where id = $1`, [record.id]);
        await other.query('commit');
        expect((await verdict).get(record.id)).toBe('changed');
      } finally {
        await other.end();
      }
      const [row] = await h.app.registry.store.db
        .selectFrom('kelurahan_counts')
        .select('registered')
        .where('kelurahan_kode', '=', kelurahan)
        .execute();
      expect(Number(row!.registered)).toBe(0);
    });
  });
});

/** Until some other session is waiting for a lock (the verdict, blocked on the count row). */
async function waitForLockWait(client: pg.Client): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the verdict never waited for the lock');
}
