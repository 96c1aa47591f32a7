/**
 * A store for @fastify/rate-limit on the registry's own database, so several registry instances behind
 * a load balancer count into the same buckets: ten guesses per minute means ten in total, not ten per
 * instance. @fastify/rate-limit's default store is an in-process LRU map; with it, each instance (and
 * each restart) would hand out a fresh allowance.
 *
 * Invariants:
 * - One statement per hit: an upsert that starts a window or adds one to it and returns the count, so
 *   two instances hitting the same bucket at once never both read "9" (PostgreSQL takes the row lock in
 *   INSERT … ON CONFLICT DO UPDATE; SQLite runs one writer at a time).
 * - Fixed windows: a window starts with its first hit and ends `timeWindow` later; a hit after that
 *   starts a new one. `continueExceeding` and `exponentialBackoff` are not supported and refused.
 * - A bucket is a SHA-256 of the limiter's namespace and key: any key (a username typed by anyone, with
 *   any character) fits a text column on both engines, and no IP or username is stored in the clear.
 * - Expired rows mean nothing (a hit on one starts afresh); they are deleted at most once a minute per
 *   instance through the `resets_at` index, so the table holds about one window's worth of buckets.
 * - Time is the registry's clock (`config.now`), like sessions, so tests move time instead of waiting.
 *
 * The same code runs on SQLite: one process owns the file there anyway, but one code path is cheaper
 * to keep right than two, and a limited request (sign-in, enrollment) costs far more than the write.
 */
import { createHash } from 'node:crypto';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';

/** What @fastify/rate-limit expects back from a store. */
interface BucketState {
  current: number;
  ttl: number;
}
type StoreCallback = (error: Error | null, state?: BucketState) => void;

/**
 * The options @fastify/rate-limit hands a store: the plugin's, or a route's merged with them (its
 * typings call the latter route options; at run time they are the merged limiter options).
 */
interface LimiterOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

export interface RateLimitStoreContext {
  db: Kysely<Database>;
  now: () => Date;
}

const SWEEP_EVERY_MS = 60_000;

function refuseUnsupported(options: LimiterOptions): void {
  if (options.continueExceeding || options.exponentialBackoff) {
    throw new Error('the shared rate-limit store supports fixed windows only');
  }
}

/** A route's own limit (`config.rateLimit`) gets its own buckets, as in the plugin's stores. */
function namespaceOf(options: LimiterOptions, parent: string): string {
  const { method, url } = options.routeInfo ?? {};
  if (!url) return parent;
  return `${[method ?? ''].flat().join(',')} ${url}`;
}

export function bucketOf(namespace: string, key: string): string {
  return createHash('sha256').update(namespace).update('\u0000').update(key).digest('hex');
}

/** Deletes expired buckets now and then; shared by a store and its children (one per instance). */
class Sweeper {
  private nextAt = 0;
  constructor(private readonly ctx: RateLimitStoreContext) {}

  async sweepIfDue(nowMs: number): Promise<void> {
    if (nowMs < this.nextAt) return;
    this.nextAt = nowMs + SWEEP_EVERY_MS;
    try {
      await this.ctx.db
        .deleteFrom('rate_limit_buckets')
        .where('resets_at', '<=', new Date(nowMs).toISOString())
        .execute();
    } catch {
      // The hit is already counted; a failed clean-up only leaves rows that mean nothing for the next one.
    }
  }
}

class DatabaseRateLimitStore {
  constructor(
    private readonly ctx: RateLimitStoreContext,
    private readonly namespace: string,
    private readonly sweeper: Sweeper,
  ) {}

  incr(key: string, callback: StoreCallback, timeWindow: number): void {
    this.hit(key, timeWindow).then(
      (state) => callback(null, state),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  read(key: string, callback: StoreCallback): void {
    this.peek(key).then(
      (state) => callback(null, state),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  child(routeOptions: object): DatabaseRateLimitStore {
    const options = routeOptions as LimiterOptions;
    refuseUnsupported(options);
    return new DatabaseRateLimitStore(this.ctx, namespaceOf(options, this.namespace), this.sweeper);
  }

  /** One atomic statement: a new or expired bucket starts at 1 with a fresh window, else counts one more. */
  private async hit(key: string, timeWindow: number): Promise<BucketState> {
    const nowMs = this.ctx.now().getTime();
    const now = new Date(nowMs).toISOString();
    const resetsAt = new Date(nowMs + timeWindow).toISOString();
    const isExpired = sql<boolean>`rate_limit_buckets.resets_at <= ${now}`;
    const row = await this.ctx.db
      .insertInto('rate_limit_buckets')
      .values({ bucket: bucketOf(this.namespace, key), hits: 1, resets_at: resetsAt })
      .onConflict((oc) =>
        oc.column('bucket').doUpdateSet({
          hits: sql<number>`case when ${isExpired} then 1 else rate_limit_buckets.hits + 1 end`,
          resets_at: sql<string>`case when ${isExpired} then ${resetsAt} else rate_limit_buckets.resets_at end`,
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow();
    await this.sweeper.sweepIfDue(nowMs);
    return { current: Number(row.hits), ttl: Math.max(0, Date.parse(row.resets_at) - nowMs) };
  }

  /** The bucket as it stands, without counting a hit (the plugin's `{ increment: false }`). */
  private async peek(key: string): Promise<BucketState> {
    const nowMs = this.ctx.now().getTime();
    const row = await this.ctx.db
      .selectFrom('rate_limit_buckets')
      .select(['hits', 'resets_at'])
      .where('bucket', '=', bucketOf(this.namespace, key))
      .executeTakeFirst();
    const ttl = row ? Date.parse(row.resets_at) - nowMs : 0;
    return ttl > 0 ? { current: Number(row!.hits), ttl } : { current: 0, ttl: 0 };
  }
}

/**
 * The class to pass as @fastify/rate-limit's `store` option (the plugin constructs it with its own
 * options), bound to this registry's database and clock.
 */
export function databaseRateLimitStore(ctx: RateLimitStoreContext): FastifyRateLimitStoreCtor {
  return class extends DatabaseRateLimitStore {
    constructor(options: object) {
      refuseUnsupported(options as LimiterOptions);
      super(ctx, '', new Sweeper(ctx));
    }
  };
}
