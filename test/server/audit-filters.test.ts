/** The audit log as the admin reads it, on each engine: by actor, by action family, by day, paged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../src/server/services/audit';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('audit filters on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    const items = async (query: string) =>
      (await admin.call('GET', `/admin/audit?${query}`)).json().items as Array<{
        id: number;
        action: string;
        actor: string;
      }>;

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const { db } = h.app.registry.store;
      await writeAudit(db, '2026-11-20T10:00:00.000Z', {
        actor: 'user:a',
        action: 'export.csv',
        target: 'semua',
      });
      await writeAudit(db, '2026-11-21T16:59:00.000Z', {
        actor: 'user:b',
        action: 'registration.read',
        target: 'r1',
      });
      await writeAudit(db, '2026-11-21T17:00:00.000Z', {
        actor: 'user:a',
        action: 'registration.status',
        target: 'r1',
      });
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('filters by actor and by action family', async () => {
      expect((await items('actor=user:a')).map((e) => e.action)).toEqual([
        'registration.status',
        'export.csv',
      ]);
      expect((await items('action=registration')).map((e) => e.actor)).toEqual(['user:a', 'user:b']);
      expect((await items('action=registration.read')).map((e) => e.actor)).toEqual(['user:b']);
    });

    it('filters by WIB day: 17:00 UTC is already the next day in Malang', async () => {
      expect((await items('from=2026-11-21&to=2026-11-21')).map((e) => e.action)).toEqual([
        'registration.read',
      ]);
      expect((await items('from=2026-11-22&to=2026-11-22')).map((e) => e.action)).toEqual([
        'registration.status',
      ]);
    });

    it('pages newest first with before=<id>', async () => {
      const [first, second] = await items('actor=user:a&limit=1').then(async (page) => [
        page,
        await items(`actor=user:a&limit=1&before=${page[0]!.id}`),
      ]);
      expect(first!.map((e) => e.action)).toEqual(['registration.status']);
      expect(second!.map((e) => e.action)).toEqual(['export.csv']);
    });

    it.each(['limit=0', 'from=kemarin', "actor=x'or", 'before=-1'])('answers %s with 400', async (query) => {
      expect((await admin.call('GET', `/admin/audit?${query}`)).statusCode).toBe(400);
    });
  });
});
