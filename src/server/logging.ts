/**
 * What the registry's log may hold. Request lines carry the path, never the query string (officers
 * search by NIK and name: `?q=3573…`), and a failed request's error is logged without the database's
 * `detail` (PostgreSQL writes `Key (nik)=(3573…) already exists` there) — personal data stays out of logs.
 */
import type { FastifyServerOptions } from 'fastify';

interface RequestLike {
  method: string;
  url: string;
  ip?: string;
  routeOptions?: { url?: string };
}

export function pathOnly(url: string): string {
  return url.split('?')[0] ?? '';
}

/** An error as the log may show it: name, code, message and stack; nothing the database quoted. */
export function loggableError(error: unknown) {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  return {
    type: String(e.name ?? 'Error'),
    code: e.code,
    message: String(e.message ?? '').slice(0, 300),
    stack: String(e.stack ?? ''),
  };
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: RequestLike) => ({
        method: request.method,
        url: pathOnly(request.url),
        remoteAddress: request.ip,
      }),
      err: loggableError,
    },
  };
}
