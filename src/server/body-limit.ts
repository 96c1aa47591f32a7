/**
 * Request bodies over a route's limit, answered so that the client can read the answer.
 *
 * Fastify refuses a body over `bodyLimit` as soon as the `content-length` says so, or as soon as the
 * bytes read pass it, and then closes the connection while the client is still sending. The client's
 * next write meets a closed socket, its kernel gets a reset, and the 413 that was already on its way is
 * thrown away: 20–25% of 2 MiB pushes ended as a "connection reset" instead of `payload_too_large`, so a
 * phone could not tell a batch too big (cut it) from a network failure (retry it as it is).
 *
 * So every route's own limit is enforced here instead, on the way in: up to the limit the bytes go on to
 * the JSON parser; past it they are read and dropped (never buffered), and at the end of the body the
 * request fails with Fastify's own 413 error, which problems.ts answers as `payload_too_large`. The
 * connection closes after that answer with nothing left unread, so the client sees it. Reading has a
 * bound: past `DRAIN_ALLOWANCE` bytes beyond the limit (or a `content-length` that announces as much)
 * the registry stops reading and closes at once, as before, so nobody can make it read forever.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { errorCodes, type FastifyInstance } from 'fastify';

/** How much past a route's limit is read and dropped so that the 413 reaches the client. */
export const DRAIN_ALLOWANCE = 8 * 1024 * 1024;

type Payload = Readable & { receivedEncodedLength?: number };

/** Passes a body's first `limit` bytes on, drops the rest, and fails at its end if there was a rest. */
class BodyLimiter extends Transform {
  private received = 0;

  constructor(
    private readonly source: Payload,
    private readonly limit: number,
  ) {
    super();
  }

  /** Fastify compares this with the content-length: the bytes read off the wire, not those passed on. */
  get receivedEncodedLength(): number {
    return this.source.receivedEncodedLength ?? this.received;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit + DRAIN_ALLOWANCE)
      return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    if (this.received > this.limit) return done();
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.received > this.limit ? new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE() : null);
  }
}

const hasBody = (headers: Record<string, unknown>) =>
  headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;

/**
 * Call before any route is declared. Each route keeps the limit it asks for (`bodyLimit`, else
 * `defaultLimit`); Fastify's own check is moved `DRAIN_ALLOWANCE` further out so that this one runs first.
 */
export function registerBodyLimits(app: FastifyInstance, defaultLimit: number): void {
  app.addHook('onRoute', (route) => {
    route.bodyLimit = (route.bodyLimit ?? defaultLimit) + DRAIN_ALLOWANCE;
  });
  app.addHook('preParsing', async (request, _reply, payload: Payload) => {
    if (!hasBody(request.headers)) return payload;
    const raised = request.routeOptions.bodyLimit ?? defaultLimit + DRAIN_ALLOWANCE;
    const limiter = new BodyLimiter(payload, raised - DRAIN_ALLOWANCE);
    // A client that goes away mid-body fails the parse (Fastify answers 400) instead of hanging it.
    payload.once('error', (error) => limiter.destroy(error));
    // Fastify refuses an announced length over the raised limit without reading, so it never listens
    // to the limiter; the limiter's own failure past the allowance would then be an uncaught exception.
    limiter.on('error', () => undefined);
    return payload.pipe(limiter);
  });
}
