/**
 * What the registry's log may hold. Request lines carry the path, never the query string (officers
 * search by NIK and name: `?q=3573…`), and a failed request's error is logged without the database's
 * `detail` (PostgreSQL writes `Key (nik)=(3573…) already exists` there), and with the values its message
 * quotes blanked (`invalid input syntax for type integer: "3573…"`, `value "…" is out of range`) — in the
 * message and in the stack, whose first line repeats it. Quoted names (`unique constraint
 * "registrations_nik_key"`, `column "nik"`) stay: they say what kind of error it was, never whose.
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

/**
 * A value PostgreSQL quotes: after a colon (`…for type integer: "x"`, `…encoding "UTF8": 0x00` is no
 * value), after the word `value` (`value "x" is out of range`) or `near` (`at or near "x"`). The value
 * is not escaped there and may hold a newline, so the match runs to the text's last quote: a value
 * holding `"` or a line break is blanked whole, never cut short (what follows it may go too).
 */
const QUOTED_VALUE = /(:\s*|\bvalue\s+|\bnear\s+)"[\s\S]*"/g;
export const REDACTED = '"[…]"';

export function redactQuotedValues(text: string): string {
  return text.replace(QUOTED_VALUE, `$1${REDACTED}`);
}

/** An error as the log may show it: name, code, message and stack; nothing the database quoted. */
export function loggableError(error: unknown) {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  return {
    type: String(e.name ?? 'Error'),
    code: e.code,
    message: redactQuotedValues(String(e.message ?? '')).slice(0, 300),
    stack: redactQuotedValues(String(e.stack ?? '')),
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
