/**
 * Kysely table types: what the registry stores. Times are ISO-8601 strings in UTC on both engines, so
 * SQLite and PostgreSQL return the same values and compare them the same way (lexicographically).
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '../../shared/access';
import type { ServerStatus } from '../../shared/sync-protocol';

/** A phone, from the moment an admin makes its enrollment code until it is revoked. */
export interface DevicesTable {
  id: string;
  name: string;
  kelurahan_kode: string | null;
  /** SHA-256 of the one-time code, kept after use and revocation so a second try is audited as such. */
  enrollment_code_hash: string | null;
  /** SHA-256 of the bearer token; null until the phone has enrolled. */
  token_hash: string | null;
  created_at: string;
  enrolled_at: string | null;
  revoked_at: string | null;
  /** 0003: an unused code stops working after this. */
  code_expires_at: string | null;
  /** 0003: health the phone reports with each push or pull. */
  last_seen_at: string | null;
  last_push_at: string | null;
  app_version: string | null;
  pending_count: number | null;
  oldest_pending_at: string | null;
  storage_persisted: number | null;
  clock_offset_ms: number | null;
}

export interface RegistrationsTable {
  /** The phone's UUID. */
  id: string;
  nik: string;
  version: number;
  full_name: string;
  /** Folded name words between spaces (" siti aminah "), for word-prefix search. */
  name_search: string;
  birth_place: string;
  birth_date: string;
  gender: string;
  street: string;
  rt: string;
  rw: string;
  kelurahan_kode: string;
  kecamatan_kode: string;
  phone: string | null;
  occupation: string;
  occupation_other: string | null;
  monthly_income: number;
  programme: string;
  funding: string;
  heir_name: string;
  heir_relationship: string;
  heir_phone: string | null;
  /** The whole validated record as JSON (consent, location, notes and anything added later). */
  data: string;
  device_id: string;
  /** When the phone says the person was registered in the field (its createdAt), kept as reported. */
  created_at: string;
  /** When the registry first received the record: the official registration date ("Tanggal terdaftar"). */
  received_at: string;
  updated_at: string;
  status: ServerStatus;
  status_reason: string | null;
  status_changed_at: string;
  /** 0003: set when the office voids a wrong record: it leaves coverage and the export, its NIK is freed. */
  voided_at: string | null;
  void_reason: string | null;
  /** 0005: the pushing phone's clock − the registry's, in seconds, as the phone measured it; null if unknown. */
  clock_offset_s: number | null;
  /** 0004: the pushing phone's kelurahan when the record is for another one (flagged for the office). */
  mismatched_device_kelurahan: string | null;
}

/** The change feed phones pull: one row per server-side status change, in commit order. */
export interface ChangesTable {
  seq: Generated<number>;
  registration_id: string;
  device_id: string;
  version: number;
  status: ServerStatus;
  reason: string | null;
  changed_at: string;
  /** 0006: 1 when the office erased the record on the person's request: the phone deletes it. */
  erased?: number | null;
}

/** A record erased on the person's request (0006): no personal value, only what the audit needs. */
export interface ErasuresTable {
  record_id: string;
  device_id: string;
  /** argon2id of the NIK with the registry's salt (and secret, if set): see services/nik-hash.ts. */
  nik_hash: string;
  erased_at: string;
  erased_by: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

export interface CoverageTargetsTable {
  kelurahan_kode: string;
  estimated_workers: number;
  target_percent: number;
  updated_at: string;
}

/** An officer at the city office or a kelurahan (0002). */
export interface UsersTable {
  id: string;
  /** Lower-case, unique. */
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  role: Role;
  /** JSON array of kelurahan codes (operators); "[]" for city-wide roles. */
  kelurahan_scope: string;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
}

/** A signed-in browser. Only the SHA-256 of the cookie's random id is stored. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

/** A machine token (scripts, BI tools): a bearer secret with a label, an owner, a role and an expiry. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  label: string;
  /** Who made it: "user:<id>" or "cli:<os user>". */
  owner: string;
  role: Role;
  kelurahan_scope: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RegistrySettingsTable {
  key: string;
  value: string;
}

/** Every accepted version of a record, as received: the review screen's version history (0003). */
export interface RegistrationVersionsTable {
  registration_id: string;
  version: number;
  data: string;
  device_id: string;
  received_at: string;
}

export type DuplicateResolution = 'same_person' | 'void_holder' | 'mistyped';

/** A push refused as duplicate_nik, kept with the phone's data so the office can settle it (0003). */
export interface DuplicateAttemptsTable {
  id: Generated<number>;
  record_id: string;
  version: number;
  device_id: string;
  nik: string;
  kelurahan_kode: string;
  data: string;
  holder_source: 'registration' | 'covered';
  holder_id: string;
  attempted_at: string;
  resolution: DuplicateResolution | null;
  resolution_note: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

/** Someone the city already covers at BPJS, imported from a BPJS list; counts in coverage (0003). */
export interface CoveredPeopleTable {
  nik: string;
  full_name: string;
  kelurahan_kode: string;
  batch_id: string;
  imported_at: string;
}

export interface ImportBatchesTable {
  id: string;
  actor: string;
  file_name: string;
  rows: number;
  imported_at: string;
}

/**
 * 0010: per kelurahan, the registrations that count toward coverage (not rejected, not voided) and how
 * many of them the APBD pays for; kept exact by triggers on `registrations` (migration-national-scale.ts).
 */
export interface KelurahanCountsTable {
  kelurahan_kode: string;
  registered: number;
  apbd: number;
}

/** A rate-limit bucket shared by every registry instance (0007); `bucket` is a hash, never an IP. */
export interface RateLimitBucketsTable {
  bucket: string;
  hits: number;
  resets_at: string;
}

/** 0011: a record's KTP photo, by (registration, SHA-256). */
export interface RegistrationPhotosTable {
  registration_id: string;
  sha256: string;
  content_type: string;
  bytes: number;
  data: Uint8Array;
  device_id: string;
  received_at: string;
}

export interface Database {
  devices: DevicesTable;
  registrations: RegistrationsTable;
  changes: ChangesTable;
  audit_log: AuditLogTable;
  coverage_targets: CoverageTargetsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  registry_settings: RegistrySettingsTable;
  registration_versions: RegistrationVersionsTable;
  duplicate_attempts: DuplicateAttemptsTable;
  covered_people: CoveredPeopleTable;
  import_batches: ImportBatchesTable;
  kelurahan_counts: KelurahanCountsTable;
  rate_limit_buckets: RateLimitBucketsTable;
  erasures: ErasuresTable;
  registration_photos: RegistrationPhotosTable;
}

export type Device = Selectable<DevicesTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type NewRegistrationRow = Insertable<RegistrationsTable>;
export type UserRow = Selectable<UsersTable>;
export type RegistrationVersionRow = Insertable<RegistrationVersionsTable>;
