/**
 * Kysely table types: what the registry stores. Times are ISO-8601 strings in UTC on both engines, so
 * SQLite and PostgreSQL return the same values and compare them the same way (lexicographically).
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { ServerStatus } from '../../shared/sync-protocol';

/** A phone, from the moment an admin makes its enrollment code until it is revoked. */
export interface DevicesTable {
  id: string;
  name: string;
  kelurahan_kode: string | null;
  /** SHA-256 of the one-time code; null once used, so a code works once. */
  enrollment_code_hash: string | null;
  /** SHA-256 of the bearer token; null until the phone has enrolled. */
  token_hash: string | null;
  created_at: string;
  enrolled_at: string | null;
  revoked_at: string | null;
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
  /** When the person was registered in the field (the phone's createdAt). */
  created_at: string;
  received_at: string;
  updated_at: string;
  status: ServerStatus;
  status_reason: string | null;
  status_changed_at: string;
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

export interface AdminTokensTable {
  id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface Database {
  devices: DevicesTable;
  registrations: RegistrationsTable;
  changes: ChangesTable;
  audit_log: AuditLogTable;
  coverage_targets: CoverageTargetsTable;
  admin_tokens: AdminTokensTable;
}

export type Device = Selectable<DevicesTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type NewRegistrationRow = Insertable<RegistrationsTable>;
