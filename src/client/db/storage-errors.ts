/**
 * Maps what IndexedDB and Dexie throw to a small typed code the UI can explain in plain words.
 * Dexie wraps the browser's DOMException (an AbortError whose `inner` is a QuotaExceededError, a
 * BulkError with `failures`), so the whole chain of causes is inspected, most specific first.
 */

/** quota: the phone is out of space; io: the browser could not read or write; closed: reload needed. */
export type StorageErrorCode = 'quota' | 'io' | 'closed' | 'unknown';

const CODE_BY_NAME: Record<string, StorageErrorCode> = {
  QuotaExceededError: 'quota',
  DatabaseClosedError: 'closed',
  InvalidStateError: 'closed',
  VersionChangeError: 'closed',
  AbortError: 'io',
  UnknownError: 'io',
  OpenFailedError: 'io',
  TransactionInactiveError: 'io',
  ReadOnlyError: 'io',
  TimeoutError: 'io',
  DataCloneError: 'io',
  DataError: 'io',
};

/** Quota wins over a generic abort; a closed database over a generic I/O failure. */
const PRECEDENCE: StorageErrorCode[] = ['quota', 'closed', 'io'];

type ErrorLike = { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };

/** The error and everything it wraps (Dexie `inner`, standard `cause`, BulkError `failures`). */
function causeChain(error: unknown, depth = 0): ErrorLike[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const e = error as ErrorLike;
  const failures = Array.isArray(e.failures) ? e.failures : [];
  return [
    e,
    ...causeChain(e.inner, depth + 1),
    ...causeChain(e.cause, depth + 1),
    ...failures.flatMap((f: unknown) => causeChain(f, depth + 1)),
  ];
}

function namesOf(error: unknown): string[] {
  return causeChain(error).flatMap((e) => (typeof e.name === 'string' ? [e.name] : []));
}

export function toStorageErrorCode(error: unknown): StorageErrorCode {
  const codes = new Set(namesOf(error).map((name) => CODE_BY_NAME[name]));
  return PRECEDENCE.find((code) => codes.has(code)) ?? 'unknown';
}

/**
 * A unique index (or primary key) refused a write: for registrations, usually the `&nik` index. The save
 * turns that into its own result; anywhere else it stays 'unknown' (a bug, not a storage condition).
 */
export function isConstraintError(error: unknown): boolean {
  return namesOf(error).includes('ConstraintError');
}
