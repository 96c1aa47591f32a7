/**
 * GET /metrics on each engine: who may read it (a token in constant time, or a private address when
 * configured), the Prometheus text it answers, and what its labels may hold — route patterns, never a
 * URL, an id or a NIK. Two registries in one process each keep their own figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const TOKEN = 'm'.repeat(40);
const NIK = '3573015708750001';

/** Every sample line of the exposition: `name{labels} value`. */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? \S+$/;

function sampleValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(registryEngines())('/metrics on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let databaseUrl: string;
    const read = (headers: Record<string, string> = {}, remoteAddress?: string) =>
      h.app.inject({ url: '/metrics', headers, ...(remoteAddress && { remoteAddress }) });

    beforeAll(async () => {
      databaseUrl = await engine.newDatabaseUrl();
      h = await openHarness(databaseUrl, { metricsToken: TOKEN });
    });
    afterAll(async () => h?.app.close());

    it.each([
      ['no token', {}],
      ['a wrong token', { authorization: `Bearer ${'x'.repeat(40)}` }],
      ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 20)}` }],
      ['an officer token', undefined],
    ])('refuses %s with 401', async (_label, headers) => {
      const res = await read(headers ?? h.admin);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthorized');
    });

    it('answers the token with Prometheus text that is never cached', async () => {
      const res = await read({ authorization: `Bearer ${TOKEN}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers['cache-control']).toBe('no-store');
      const samples = res.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
      expect(samples.length).toBeGreaterThan(20);
      expect(samples.filter((l) => !SAMPLE.test(l))).toEqual([]);
      expect(res.body).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(res.body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    });

    it('counts push outcomes, ingest time, and requests by route pattern without ids or NIKs', async () => {
      const phone = await h.enroll();
      const held = makeRegistration({ ...uniquePerson(7001), nik: NIK });
      await h.push(phone.token, [
        held,
        makeRegistration({ ...uniquePerson(7002), nik: NIK }), // the NIK is taken: duplicate_nik
        makeRegistration({ ...uniquePerson(7003), fullName: '' }), // invalid
      ]);
      await h.push(phone.token, [held]); // the retry: unchanged
      const one = await h.app.inject({ url: `/api/v1/admin/registrations/${held.id}`, headers: h.admin });
      expect(one.statusCode).toBe(200);
      await h.app.inject({ url: `/api/v1/admin/registrations?q=${NIK}`, headers: h.admin });
      await h.app.inject({ url: `/no/such/${held.id}` });

      const text = (await read({ authorization: `Bearer ${TOKEN}` })).body;
      const outcome = (name: string) => sampleValue(text, `jaring_push_records_total{outcome="${name}"}`);
      expect([outcome('accepted'), outcome('duplicate_nik'), outcome('invalid')]).toEqual([1, 1, 1]);
      expect([outcome('unchanged'), outcome('stale')]).toEqual([1, 0]);
      expect(sampleValue(text, 'jaring_push_ingest_seconds_count')).toBe(2);
      const byRoute = (method: string, route: string, status: number) =>
        sampleValue(
          text,
          `jaring_http_requests_total{method="${method}",route="${route}",status="${status}"}`,
        );
      expect(byRoute('POST', '/api/v1/sync/push', 200)).toBe(2);
      expect(byRoute('GET', '/api/v1/admin/registrations/:id', 200)).toBe(1);
      expect(byRoute('GET', '/api/v1/admin/registrations', 200)).toBe(1);
      expect(byRoute('GET', '(unmatched)', 404)).toBe(1);
      expect(byRoute('GET', '/metrics', 401)).toBeGreaterThanOrEqual(4);
      expect(
        sampleValue(
          text,
          'jaring_http_request_duration_seconds_count{method="POST",route="/api/v1/sync/push",status="200"}',
        ),
      ).toBe(2);
      expect(text).not.toContain(held.id);
      expect(text).not.toContain(NIK);
      expect(text).not.toContain('q=');
    });

    it(`shows the connection pool ${engine.name === 'postgres' ? 'figures' : 'only on PostgreSQL'}`, async () => {
      const text = (await read({ authorization: `Bearer ${TOKEN}` })).body;
      if (engine.name === 'postgres') {
        expect(sampleValue(text, 'jaring_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
        expect(sampleValue(text, 'jaring_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
        expect(sampleValue(text, 'jaring_db_pool_waiting')).toBe(0);
      } else {
        expect(text).not.toContain('jaring_db_pool');
      }
    });

    it('keeps a second registry in the same process apart: its own figures, no clash', async () => {
      const second = await openHarness(databaseUrl, { metricsToken: TOKEN });
      try {
        const text = (
          await second.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
        ).body;
        expect(sampleValue(text, 'jaring_push_records_total{outcome="accepted"}')).toBe(0);
        expect(text).toContain('process_cpu_user_seconds_total');
      } finally {
        await second.app.close();
      }
    });
  });
});

describe('/metrics from the private network (METRICS_PRIVATE_NETWORK=true)', () => {
  const engine = registryEngines()[0]!;
  let h: Harness;
  let closed: Harness;

  beforeAll(async () => {
    h = await openHarness(await engine.newDatabaseUrl(), { isMetricsOpenToPrivateNetwork: true });
    closed = await openHarness(await engine.newDatabaseUrl());
  });
  afterAll(async () => {
    await h?.app.close();
    await closed?.app.close();
  });

  it.each(['127.0.0.1', '::1', '10.1.2.3', '172.20.0.9', '192.168.1.20', '::ffff:192.168.1.20', 'fd00::5'])(
    'answers %s without a token',
    async (remoteAddress) => {
      expect((await h.app.inject({ url: '/metrics', remoteAddress })).statusCode).toBe(200);
    },
  );

  it.each(['203.0.113.5', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8'])(
    'refuses the public address %s with 403',
    async (remoteAddress) => {
      const res = await h.app.inject({ url: '/metrics', remoteAddress });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/jaringan lokal/);
    },
  );

  it('refuses a request that came through an untrusted proxy on the same machine', async () => {
    const res = await h.app.inject({
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.5' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('is closed to everyone when neither a token nor the private network is configured', async () => {
    const res = await closed.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/METRICS_TOKEN/);
  });
});
