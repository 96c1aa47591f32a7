/**
 * Rate limits shared by every registry instance on one database (src/server/rate-limit-store.ts): two
 * apps on the same SQLite file or PostgreSQL database count into one bucket, a window resets on the
 * registry's clock, concurrent hits are counted exactly, and expired buckets are cleaned away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseRateLimitStore } from '../../src/server/rate-limit-store';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { NOW } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { login, makeUser } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const MINUTE = 60_000;

interface BucketState {
  current: number;
  ttl: number;
}
type StoreCall = (
  key: string,
  callback: (error: Error | null, state?: BucketState) => void,
  timeWindow: number,
  max: number,
) => void;

describe.each(registryEngines())('rate limits shared across instances on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let clock = Date.parse(NOW);
    const now = () => new Date(clock);
    let one: Harness;
    let two: Harness;

    beforeAll(async () => {
      const databaseUrl = await engine.newDatabaseUrl();
      const config = { now, loginRateLimit: 3, enrollRateLimit: 2 };
      one = await openHarness(databaseUrl, config);
      two = await openHarness(databaseUrl, config);
    });
    afterAll(async () => {
      await one?.app.close();
      await two?.app.close();
    });

    const bucketRows = async () => {
      const row = await one.app.registry.store.db
        .selectFrom('rate_limit_buckets')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    it('sign-in attempts against either instance count into one bucket, which resets after its window', async () => {
      const { username } = await makeUser(one.app, 'verifikator');
      const apps = [one.app, two.app, one.app, two.app];
      const codes: number[] = [];
      for (const app of apps) codes.push((await login(app, username, 'salah')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);

      clock += MINUTE;
      expect((await login(two.app, username, 'salah')).statusCode).toBe(401);
    });

    it('a route’s own limit (enrollment per IP) is shared too', async () => {
      clock += MINUTE;
      const enroll = (h: Harness) =>
        h.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: 'SALAH-SALAH' } });
      const codes = [(await enroll(one)).statusCode, (await enroll(two)).statusCode];
      const limited = await enroll(one);
      expect([...codes, limited.statusCode]).toEqual([400, 400, 429]);
      expect(limited.json()).toMatchObject({ code: 'rate_limited' });
      // The bucket is the enrollment route's: the same IP may still sign in.
      const { username } = await makeUser(one.app, 'verifikator');
      expect((await login(two.app, username, 'salah')).statusCode).toBe(401);
      // And a good code works again once the window has passed, on the other instance.
      clock += MINUTE;
      const { code } = await createEnrollmentCode(one.app.registry.store.db, now().toISOString(), 'test');
      const enrolled = await two.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } });
      expect(enrolled.statusCode).toBe(201);
    });

    it('counts concurrent hits from both instances exactly, each hit once', async () => {
      const stores = [one, two].map((h) => {
        const Store = databaseRateLimitStore({ db: h.app.registry.store.db, now });
        return new Store({});
      });
      const hit = (i: number) =>
        new Promise<number>((resolve, reject) =>
          stores[i % 2]!.incr(
            'race',
            (error, state) => (error ? reject(error) : resolve(state!.current)),
            MINUTE,
            100,
          ),
        );
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => hit(i)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it('reads a bucket without counting (the plugin’s increment: false), and nothing once it expired', async () => {
      const Store = databaseRateLimitStore({ db: two.app.registry.store.db, now });
      const store = new Store({}) as unknown as Record<'incr' | 'read', StoreCall>;
      const call = (method: 'incr' | 'read') =>
        new Promise<BucketState>((resolve, reject) =>
          store[method]('peek', (error, state) => (error ? reject(error) : resolve(state!)), MINUTE, 100),
        );
      await call('incr');
      await call('incr');
      expect(await call('read')).toEqual({ current: 2, ttl: MINUTE });
      expect(await call('read')).toMatchObject({ current: 2 });
      clock += MINUTE;
      expect(await call('read')).toEqual({ current: 0, ttl: 0 });
    });

    it('takes any username as a key (NUL, far too long) without a server error', async () => {
      for (const username of ['siti\u0000admin', 'x'.repeat(5000), '\u202e']) {
        const res = await login(one.app, username, 'salah');
        expect(res.statusCode).toBeLessThan(500);
      }
    });

    it('deletes expired buckets, keeping only live ones', async () => {
      expect(await bucketRows()).toBeGreaterThan(3);
      clock += 2 * MINUTE;
      const { username } = await makeUser(one.app, 'verifikator');
      await login(one.app, username, 'salah'); // one live bucket per IP and per username
      expect(await bucketRows()).toBe(2);
    });
  });
});

describe('the shared rate-limit store', () => {
  it('refuses what fixed windows cannot do, so a limiter cannot silently behave otherwise', async () => {
    const Store = databaseRateLimitStore({ db: undefined as never, now: () => new Date() });
    expect(() => new Store({ continueExceeding: true } as never)).toThrow(/fixed windows only/);
    const store = new Store({});
    expect(() => store.child({ exponentialBackoff: true } as never)).toThrow(/fixed windows only/);
  });
});
