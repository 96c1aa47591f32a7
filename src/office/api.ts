/**
 * Calls to the registry from Kantor: same origin, the session cookie sent by the browser (HttpOnly, so
 * no script ever sees it), JSON in and out. Errors arrive as problem details; ApiError carries the
 * registry's Indonesian sentence so a screen can show it as it is.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** Marks a call as Kantor's own (the registry's CSRF check; see src/server/access-guard.ts). */
export const KANTOR_HEADER_NAME = 'x-jaring-kantor';

const OFFLINE = 'Registri tidak dapat dihubungi. Periksa jaringan lalu coba lagi.';

async function problemOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: string; detail?: string };
    return new ApiError(res.status, body.code ?? 'error', body.detail ?? res.statusText);
  } catch {
    return new ApiError(res.status, 'error', `Kesalahan ${res.status}`);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        [KANTOR_HEADER_NAME]: '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', OFFLINE);
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
