/**
 * A phone's clock offset (item: wrong phone clocks): sent with a push as `clockOffsetS`, stored with
 * each accepted version (migration 0005), shown in the record's detail for Kantor; an unreadable one is
 * ignored, never a refused push. The registry's `Date` header reaches the phone's fetch (and, across
 * origins, is exposed by CORS). On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_OFFSET_LIMIT_S, PROTOCOL_VERSION } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

describe.each(registryEngines())('clock offsets on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let n = 0;
    const person = () => makeRegistration(uniquePerson(++n + 3000 + (engine.name === 'postgres' ? 500 : 0)));

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { corsOrigins: ['https://kantor.example'] });
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    async function pushWith(clockOffsetS: unknown, records = [person()]) {
      const res = await h.pushRaw(phone.token, { protocolVersion: PROTOCOL_VERSION, records, clockOffsetS });
      expect(res.statusCode).toBe(200);
      return records;
    }

    async function storedOffset(id: string) {
      const row = await h.app.registry.store.db
        .selectFrom('registrations')
        .select('clock_offset_s')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return row.clock_offset_s === null ? null : Number(row.clock_offset_s);
    }

    async function detailOffset(id: string) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/admin/registrations/${id}`,
        headers: h.admin,
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ clockOffsetS: number | null }>().clockOffsetS;
    }

    it.each([
      ['2 hours ahead', 7_200, 7_200],
      ['a year behind', -31_622_400, -31_622_400],
      ['the limit', CLOCK_OFFSET_LIMIT_S, CLOCK_OFFSET_LIMIT_S],
      ['absent (an older phone)', undefined, null],
      ['past 10 years', CLOCK_OFFSET_LIMIT_S + 1, null],
      ['a fraction', 1.5, null],
      ['text', '7200', null],
    ])('%s is stored as %s and shown to the office', async (_label, sent, stored) => {
      const [record] = await pushWith(sent);
      expect(await storedOffset(record!.id)).toBe(stored);
      expect(await detailOffset(record!.id)).toBe(stored);
    });

    it('an edit stores the offset of its own push; a resend of the same version changes nothing', async () => {
      const [record] = await pushWith(900);
      await pushWith(-5, [record!]); // unchanged: the first push's answer stands
      expect(await storedOffset(record!.id)).toBe(900);
      await pushWith(12, [{ ...record!, version: 2, fullName: 'Nama Baru' }]);
      expect(await storedOffset(record!.id)).toBe(12);
    });

    it('lets a page of another allowed origin read Date and Retry-After', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://kantor.example' },
      });
      expect(res.headers['access-control-expose-headers']).toBe('Date, Retry-After');
    });
  });
});

describe('the registry’s Date header over HTTP', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.close());

  it('comes with every answer the phone gets, errors too', async () => {
    for (const path of ['/healthz', '/api/v1/sync/pull']) {
      const res = await fetch(`${registry.url}${path}`);
      expect(res.headers.get('date')).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    }
  });
});
