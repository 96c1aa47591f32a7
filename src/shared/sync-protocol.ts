/**
 * The phone ↔ registry protocol (JSON over HTTPS). One schema per message, shared by the sync engine
 * on the phone and the routes on the server. Bump PROTOCOL_VERSION on any breaking change; the server
 * answers an unknown version with 426 and the code `protocol_unsupported`.
 *
 * Idempotency: a push is keyed by (record id, version). Sending the same pair again is always safe
 * and gets the same answer ("unchanged"), so a phone may retry any batch whose answer it did not see.
 */
import * as z from 'zod/mini';
import type { IssueCode } from './issues';
import { ISSUE_MESSAGES } from './messages';

export const PROTOCOL_VERSION = 1;
/**
 * 500 records are ~450 KB of JSON, well under MAX_PUSH_BYTES; the phone also cuts a batch by bytes,
 * so an unusually large record never pushes a request over the body limit.
 */
export const MAX_RECORDS_PER_PUSH = 500;
export const MAX_PUSH_BYTES = 1_048_576;
export const MAX_PULL_CHANGES = 500;

/** Lifecycle of a record at the registry. */
export const SERVER_STATUSES = ['received', 'verified', 'active', 'rejected'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

export const PUSH_OUTCOMES = ['accepted', 'unchanged', 'duplicate_nik', 'invalid', 'stale'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

export interface PushRequest {
  protocolVersion: number;
  /** Records as stored on the phone; the server validates each one on its own. */
  records: unknown[];
  /** The phone's health (optional: phones before it send none; an invalid one is ignored). */
  device?: DeviceReport;
  /**
   * The phone's clock − the registry's, in whole seconds, as last measured from the registry's `Date`
   * header; stored with every record of this push so the office sees a time written by a wrong clock.
   * Optional (older phones send none) and bounded (CLOCK_OFFSET_LIMIT_S); the registry ignores one it
   * cannot read rather than refuse the push.
   */
  clockOffsetS?: number;
}

/** ±10 years in seconds: any clock a phone shows, and inside PostgreSQL's integer. */
export const CLOCK_OFFSET_LIMIT_S = 10 * 366 * 86_400;
/** Over 10 minutes off: the phone warns its volunteer, and Kantor flags the record. */
export const CLOCK_WARNING_S = 10 * 60;

/**
 * How the phone is doing, sent with every push (in the body) and pull (the `device` query parameter,
 * as JSON) so the office sees a phone in trouble before its records are lost. Optional and advisory:
 * the registry stores it on the device row, and ignores one it cannot read without failing the call.
 */
export interface DeviceReport {
  /** The app's version (package.json's, built in). */
  appVersion: string;
  /** Records saved on the phone and not yet answered by the registry (pending or in flight). */
  pending: number;
  /** When the oldest of them was saved (ISO), or null when nothing waits. */
  oldestPendingAt: string | null;
  /** Whether the browser promised not to evict the phone's storage; absent when it cannot tell. */
  storagePersisted?: boolean;
  /** The phone's clock when it sent this (ISO): the registry keeps the difference to its own. */
  clock: string;
}

export const MAX_APP_VERSION_LENGTH = 40;
/** Far above what a phone holds (tested to 100,000), and inside PostgreSQL's integer. */
export const MAX_REPORTED_PENDING = 10_000_000;
/** The pull's `device` parameter is JSON of a few short fields: anything longer is not a report. */
export const MAX_DEVICE_PARAM_LENGTH = 512;

/**
 * One answer per pushed record, keyed on `outcome`; each variant carries exactly what its outcome
 * needs (the schemas below, from which these types are inferred):
 * - accepted / unchanged: `serverStatus`, the registry's status of the record;
 * - duplicate_nik: `duplicate`, where the NIK was first registered (absent when the registry does not
 *   say, e.g. a NIK from another kelurahan);
 * - invalid: `errors`, what to fix (an issue code this app does not know reads as 'invalid');
 * - stale: `currentVersion`, the version the registry holds.
 */
export type PushResult = Exclusive<z.infer<typeof PushResultSchema>>;
/** The answer of one outcome, e.g. `PushResultOf<'stale'>` has a `currentVersion`. */
export type PushResultOf<O extends PushOutcome> = Extract<PushResult, { outcome: O }>;
export type DuplicateInfo = z.infer<typeof DuplicateInfoSchema>;

export interface PushResponse {
  protocolVersion: number;
  results: PushResult[];
}

type KeysOfUnion<U> = U extends unknown ? keyof U : never;
/**
 * Each variant of a union plus the other variants' fields as optional `undefined`: still keyed on
 * `outcome` (narrowing gives the variant), and reading `result.errors` off any answer compiles and is
 * `undefined` where the outcome carries none, as the wire has it.
 */
type Exclusive<U, All = U> = U extends unknown
  ? U & Partial<Record<Exclude<KeysOfUnion<All>, keyof U>, undefined>>
  : never;

export interface StatusChange {
  id: string;
  version: number;
  serverStatus: ServerStatus;
  reason?: string;
  changedAt: string;
  /**
   * The office erased the person's data on their request (UU PDP): the phone deletes the record, its
   * draft and its outbox entry, whatever their state. Additive: `serverStatus` is then 'rejected' with a
   * reason, which is what a phone from before this field shows instead.
   */
  erased?: boolean;
}

export interface PullResponse {
  protocolVersion: number;
  changes: StatusChange[];
  /** Opaque; send it back to get what came after. */
  cursor: string;
  hasMore: boolean;
  referenceVersion: string;
  /**
   * Days the phone keeps a full record after the registry accepted it (src/shared/retention.ts); the
   * office sets it. Additive: older registries send none and the phone keeps its default.
   */
  retentionDays?: number;
  /**
   * The phone's kelurahan figures, on the last page of a pull only (one small indexed read at the
   * registry): counted as Kantor's coverage counts them, peserta lama included. Additive: absent for a
   * phone enrolled without a kelurahan and from older registries; older phones ignore it, and a phone
   * ignores one it cannot read rather than fail the pull.
   */
  kelurahan?: KelurahanProgress;
  /**
   * The office requires a KTP photo with every registration (src/shared/photo.ts): the phone's form
   * asks for one before it saves. Additive: older registries send none, and the photo stays optional.
   */
  requireKtpPhoto?: boolean;
}

/** How far the phone's kelurahan is: e.g. 412 of 1,200 estimated, 480 (40%) the target, 68 more. */
export type KelurahanProgress = z.infer<typeof KelurahanProgressSchema>;

export interface EnrollRequest {
  code: string;
}

export interface EnrollResponse {
  deviceId: string;
  token: string;
  /** The code's kelurahan (null: city-wide), for the rescue backup. Older registries send none. */
  kelurahanKode?: string | null;
}

/** Errors are RFC 9457 problem details with a stable machine code and a message in Indonesian. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
}

export type ProblemCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'device_revoked'
  | 'forbidden'
  | 'not_found'
  | 'enroll_code_invalid'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_records'
  | 'rate_limited'
  | 'protocol_unsupported'
  | 'login_failed'
  | 'password_change_required'
  | 'conflict'
  | 'unavailable'
  | 'internal';

// Runtime schemas for what crosses the wire, so each side checks what it receives.
const recordKey = { id: z.string(), version: z.int() };

// Bounded like every ISO time in the shared schema: 40 characters is more than any clock writes.
const isoTime = z.iso.datetime().check(z.maxLength(40));

export const DeviceReportSchema = z.object({
  appVersion: z
    .string()
    .check(z.minLength(1), z.maxLength(MAX_APP_VERSION_LENGTH), z.regex(/^[\x21-\x7e]+$/)),
  pending: z.int().check(z.gte(0), z.lte(MAX_REPORTED_PENDING)),
  oldestPendingAt: z.nullable(isoTime),
  storagePersisted: z.optional(z.boolean()),
  clock: isoTime,
});

export const ClockOffsetSchema = z.int().check(z.gte(-CLOCK_OFFSET_LIMIT_S), z.lte(CLOCK_OFFSET_LIMIT_S));

export const PushRequestSchema = z.object({
  protocolVersion: z.int(),
  records: z.array(z.unknown()),
});

/** Where the NIK was first registered: the kelurahan and date only, no other personal data. */
export const DuplicateInfoSchema = z.object({
  kelurahanKode: z.string(),
  registeredAt: z.string(),
  /**
   * True when the NIK belongs to someone the city already covers at BPJS (imported from BPJS), not to
   * another registration: the phone says "sudah terdaftar sebagai peserta". Older phones ignore it.
   */
  alreadyCovered: z.optional(z.boolean()),
});

const isIssueCode = (code: string): code is IssueCode => Object.hasOwn(ISSUE_MESSAGES, code);

/** A field issue as answered; a code from a newer registry that this app does not know reads 'invalid'. */
const AnsweredIssueSchema = z.object({
  field: z.string(),
  code: z.pipe(
    z.string(),
    z.transform((code): IssueCode => (isIssueCode(code) ? code : 'invalid')),
  ),
});

const acknowledgement = <T extends 'accepted' | 'unchanged'>(outcome: T) =>
  z.object({ ...recordKey, outcome: z.literal(outcome), serverStatus: z.enum(SERVER_STATUSES) });

export const PushResultSchema = z.discriminatedUnion('outcome', [
  acknowledgement('accepted'),
  acknowledgement('unchanged'),
  z.object({ ...recordKey, outcome: z.literal('duplicate_nik'), duplicate: z.optional(DuplicateInfoSchema) }),
  z.object({ ...recordKey, outcome: z.literal('invalid'), errors: z.array(AnsweredIssueSchema) }),
  z.object({ ...recordKey, outcome: z.literal('stale'), currentVersion: z.int() }),
]);

export const PushResponseSchema = z.object({
  protocolVersion: z.int(),
  results: z.array(PushResultSchema),
});

export const KelurahanProgressSchema = z.object({
  kelurahanKode: z.string().check(z.maxLength(20)),
  /** Registrations that count (not rejected, not voided) plus the people already covered at BPJS. */
  registered: z.int().check(z.gte(0)),
  estimatedWorkers: z.int().check(z.gte(0)),
  targetPercent: z.number().check(z.gte(0), z.lte(100)),
  /** targetPeopleOf(estimatedWorkers, targetPercent), src/shared/coverage-target.ts. */
  targetPeople: z.int().check(z.gte(0)),
  /** peopleToTarget(registered, targetPeople): 0 once the target is reached. */
  toTarget: z.int().check(z.gte(0)),
  /** The registry's time of these figures. */
  asOf: isoTime,
});

export const PullResponseSchema = z.object({
  protocolVersion: z.int(),
  changes: z.array(
    z.object({
      ...recordKey,
      serverStatus: z.enum(SERVER_STATUSES),
      reason: z.optional(z.string()),
      changedAt: z.string(),
      erased: z.optional(z.boolean()),
    }),
  ),
  cursor: z.string(),
  hasMore: z.boolean(),
  referenceVersion: z.string(),
  retentionDays: z.optional(z.int()),
  // Advisory: figures this phone cannot read are dropped, the status changes still apply.
  kelurahan: z.optional(z.catch(z.optional(KelurahanProgressSchema), undefined)),
  requireKtpPhoto: z.optional(z.boolean()),
});

export const EnrollRequestSchema = z.object({ code: z.string().check(z.minLength(1), z.maxLength(64)) });
export const EnrollResponseSchema = z.object({
  deviceId: z.string(),
  token: z.string(),
  kelurahanKode: z.optional(z.nullable(z.string().check(z.maxLength(20)))),
});
