/**
 * Paging numbers in the admin API's query strings are decimal digits within their bounds; anything
 * else — a fraction, a sign, a word, an empty value, hex, an exponent, a space — is 400 bad_request with
 * an Indonesian sentence, never a 500 and never "no limit". Every admin list route, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const PAGED: [string, string][] = [
  ['/admin/audit', 'limit'],
  ['/admin/audit', 'before'],
  ['/admin/registrations', 'limit'],
  ['/admin/registrations', 'offset'],
  ['/admin/duplicates', 'limit'],
  ['/admin/duplicates', 'offset'],
];
const NOT_A_PAGING_NUMBER = ['1.5', '-1', 'abc', '', '1e2', '0x10', '%201', '10.0', '99999999999', '1%00'];
const cases = PAGED.flatMap(([route, param]) =>
  NOT_A_PAGING_NUMBER.map((value) => [route, param, value] as const),
);

describe.each(registryEngines())('admin query numbers on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    const get = (url: string) => h.app.inject({ url: `/api/v1${url}`, headers: h.admin });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
    });
    afterAll(async () => h?.app.close());

    it.each(cases)('%s?%s=%s is 400 bad_request', async (route, param, value) => {
      const res = await get(`${route}?${param}=${value}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_request' });
      expect(res.json().detail).toMatch(/tidak valid/);
    });

    it.each(PAGED)('%s takes %s in plain digits', async (route, param) => {
      expect((await get(`${route}?${param}=5`)).statusCode).toBe(200);
    });

    it.each(['1.5', '-1', '0x1', '1e0', '%201'])(
      '/admin/duplicates/%s is 404, not another attempt',
      async (id) => {
        expect((await get(`/admin/duplicates/${id}`)).statusCode).toBe(404);
      },
    );
  });
});
