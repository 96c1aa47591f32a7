/**
 * Errors as RFC 9457 problem details: a stable machine code the phone acts on, and an Indonesian
 * sentence a person can read. Routes throw ProblemError; the error handler in app.ts turns anything
 * else (Fastify's own errors, bugs) into a problem too, and never sends a stack trace.
 */
import type { Problem, ProblemCode } from '../shared/sync-protocol';

const TITLES: Record<ProblemCode, string> = {
  bad_request: 'Permintaan tidak valid',
  validation_failed: 'Data tidak valid',
  unauthorized: 'Belum masuk',
  device_revoked: 'Perangkat dicabut',
  forbidden: 'Tidak diizinkan',
  not_found: 'Tidak ditemukan',
  enroll_code_invalid: 'Kode pendaftaran tidak berlaku',
  payload_too_large: 'Data terlalu besar',
  unsupported_media_type: 'Jenis berkas tidak didukung',
  too_many_records: 'Terlalu banyak data',
  rate_limited: 'Terlalu banyak permintaan',
  protocol_unsupported: 'Versi aplikasi tidak didukung',
  login_failed: 'Gagal masuk',
  password_change_required: 'Kata sandi harus diganti',
  conflict: 'Sudah ada',
  unavailable: 'Server belum siap',
  internal: 'Kesalahan server',
};

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function toProblem(status: number, code: ProblemCode, detail: string): Problem {
  return { type: `https://jaring.id/problems/${code}`, title: TITLES[code], status, code, detail };
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
}

/** Maps any thrown value to a problem; 5xx details are generic so nothing internal leaks. */
export function problemFor(error: unknown): Problem {
  if (error instanceof ProblemError) return toProblem(error.status, error.code, error.detail);
  const { statusCode, code } = (error ?? {}) as FastifyLikeError;
  if (statusCode === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return toProblem(
      413,
      'payload_too_large',
      'Data yang dikirim terlalu besar. Kirim dalam beberapa bagian.',
    );
  }
  if (statusCode === 429) {
    return toProblem(429, 'rate_limited', 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.');
  }
  if (statusCode === 404) return toProblem(404, 'not_found', 'Alamat tidak ditemukan.');
  if (statusCode === 415) {
    return toProblem(415, 'bad_request', 'Jenis isi permintaan tidak didukung. Kirim JSON.');
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    const isJson = code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError;
    const detail = isJson ? 'Isi permintaan bukan JSON yang benar.' : 'Permintaan tidak dapat diproses.';
    return toProblem(statusCode, 'bad_request', detail);
  }
  return toProblem(500, 'internal', 'Terjadi kesalahan di server. Data belum tersimpan; coba lagi nanti.');
}

export const unauthorized = () =>
  new ProblemError(401, 'unauthorized', 'Token tidak ada atau tidak berlaku. Daftarkan ulang perangkat ini.');
export const notFound = (what: string) => new ProblemError(404, 'not_found', `${what} tidak ditemukan.`);
export const badRequest = (detail: string) => new ProblemError(400, 'bad_request', detail);
