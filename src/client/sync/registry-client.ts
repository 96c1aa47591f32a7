/**
 * The registry's HTTP API as seen from the phone: enroll, push, pull. Every call has a timeout, checks
 * the answer against the shared schemas, and never throws: it returns a value or a typed failure the
 * engine acts on (retry later, ask to enroll again, give up until the app is updated).
 */
import {
  EnrollResponseSchema,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  type DeviceReport,
  type EnrollResponse,
  type PullResponse,
  type PushResponse,
} from '../../shared/sync-protocol';
import * as z from 'zod/mini';
import { measureClockOffsetS } from '../../shared/clock-offset';
import { parseRetryAfter } from './backoff';

/** Why a call failed, in words the sync bar can explain. */
export type SyncErrorCode =
  | 'offline'
  | 'timeout'
  | 'server_error'
  | 'rate_limited'
  | 'bad_response'
  | 'unauthorized'
  | 'device_revoked'
  | 'protocol_unsupported'
  | 'payload_too_large'
  | 'enroll_code_invalid'
  | 'bad_request'
  | 'not_enrolled'
  | 'storage'
  | 'busy';

export interface CallFailure {
  code: SyncErrorCode;
  /** Worth retrying by itself (network, timeout, 5xx, 429, a garbled answer). */
  isTransient: boolean;
  retryAfterMs?: number;
  /** The HTTP status, when the registry (or a proxy) answered at all. */
  status?: number;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: CallFailure };

export interface RegistryClientOptions {
  /** '' for the same origin as the app. */
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  /** Told the phone's clock offset (s) measured from each answer's `Date` header. */
  onClockOffset?: (offsetS: number) => void;
}

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

const transient = (code: SyncErrorCode, retryAfterMs?: number): CallFailure => ({
  code,
  isTransient: true,
  ...(retryAfterMs !== undefined && { retryAfterMs }),
});
const permanent = (code: SyncErrorCode): CallFailure => ({ code, isTransient: false });

async function problemCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

async function failureOf(response: Response, nowMs: number): Promise<CallFailure> {
  const { status } = response;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  if (status === 429) return transient('rate_limited', retryAfter);
  if (status >= 500) return { ...transient('server_error', retryAfter), status };
  const code = await problemCodeOf(response);
  if (status === 401) return permanent(code === 'device_revoked' ? 'device_revoked' : 'unauthorized');
  if (status === 426) return permanent('protocol_unsupported');
  if (status === 413) return permanent('payload_too_large');
  if (code === 'enroll_code_invalid') return permanent('enroll_code_invalid');
  return permanent('bad_request');
}

export interface RegistryClient {
  enroll(code: string): Promise<CallResult<EnrollResponse>>;
  /**
   * `device`: the phone's health report, and `clockOffsetS` the phone's clock offset, both in the body
   * (a registry before them ignores the fields).
   */
  push(
    token: string,
    records: unknown[],
    device?: DeviceReport,
    clockOffsetS?: number,
  ): Promise<CallResult<PushResponse>>;
  /** `device`: the report as JSON in the `device` query parameter (ignored by older registries). */
  pull(token: string, cursor: string | undefined, device?: DeviceReport): Promise<CallResult<PullResponse>>;
  /**
   * PUT the KTP photo a record names, as raw bytes. A failure carries the HTTP status, so the engine
   * tells refused bytes (413, 415) from a record the registry does not hold with this photo (404, 409).
   */
  putPhoto(token: string, recordId: string, sha256: string, photo: Blob): Promise<CallResult<PhotoAck>>;
}

const PhotoAckSchema = z.object({ outcome: z.enum(['stored', 'already_stored']) });
export type PhotoAck = z.infer<typeof PhotoAckSchema>;

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  /** `isStatusKept`: every failure carries the HTTP status (else only a 5xx does). */
  async function call<T>(
    path: string,
    init: RequestInit,
    schema: SafeParser<T>,
    isStatusKept = false,
  ): Promise<CallResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const sentAt = options.now();
      const response = await options.fetch(`${options.baseUrl}${path}`, {
        ...init,
        signal: controller.signal,
      });
      // Any answer carries the registry's time, an error too; a proxy's own answer may carry its own.
      const offsetS = measureClockOffsetS(sentAt, options.now(), response.headers.get('date'));
      if (offsetS !== undefined) options.onClockOffset?.(offsetS);
      if (!response.ok) {
        const failure = await failureOf(response, options.now());
        return { ok: false, failure: isStatusKept ? { ...failure, status: response.status } : failure };
      }
      // A captive portal answers 200 with a login page: that is "not there yet", not a real answer.
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      return parsed.success
        ? { ok: true, value: parsed.data }
        : { ok: false, failure: transient('bad_response') };
    } catch {
      return { ok: false, failure: transient(controller.signal.aborted ? 'timeout' : 'offline') };
    } finally {
      clearTimeout(timer);
    }
  }

  const json = (token: string | undefined, body?: unknown): RequestInit => ({
    headers: {
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { method: 'POST', body: JSON.stringify(body) }),
  });

  return {
    enroll: (code) => call('/api/v1/enroll', json(undefined, { code }), EnrollResponseSchema),
    push: (token, records, device, clockOffsetS) =>
      call(
        '/api/v1/sync/push',
        json(token, {
          protocolVersion: PROTOCOL_VERSION,
          records,
          ...(device && { device }),
          ...(clockOffsetS !== undefined && { clockOffsetS }),
        }),
        PushResponseSchema,
      ),
    pull: (token, cursor, device) => {
      // A query parameter, not a header: a custom header would need the registry's CORS preflight to
      // allow it, and a registry before it would refuse the pull.
      const params = new URLSearchParams();
      if (cursor) params.set('cursor', cursor);
      if (device) params.set('device', JSON.stringify(device));
      const query = params.toString() ? `?${params.toString()}` : '';
      return call(`/api/v1/sync/pull${query}`, json(token), PullResponseSchema);
    },
    putPhoto: (token, recordId, sha256, photo) =>
      call(
        `/api/v1/photos/${encodeURIComponent(recordId)}/${sha256}`,
        {
          method: 'PUT',
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${token}`,
            'content-type': photo.type || 'application/octet-stream', // the registry sniffs the bytes anyway
          },
          body: photo,
        },
        PhotoAckSchema,
        true,
      ),
  };
}
