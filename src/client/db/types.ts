/**
 * Row types of the phone's database. Pure types (no dexie), so UI code may import them.
 * A stored registration is the shared Registration plus copies made for the indexes and the sync state.
 */
import type { FieldIssue } from '../../shared/issues';
import type { PhotoType } from '../../shared/photo';
import type { Registration } from '../../shared/registration';
import type { DuplicateInfo, ServerStatus } from '../../shared/sync-protocol';

/**
 * Where a saved record stands; 'draft' is not a row state (drafts live in their own table).
 * 'needs_office': the registry fails with a server error on this record alone while it answers
 * everything else, so the phone holds it back (parked) for the office to look at; the volunteer can
 * send it again, or edit it.
 */
export type SyncState = 'pending' | 'sent' | 'verified' | 'needs_fix' | 'duplicate' | 'needs_office';

export interface StoredRegistration extends Registration {
  /** Copy of address.kelurahanKode, for the index. */
  kelurahanKode: string;
  /** nameSearchWords(fullName): multiEntry index for word-prefix search. */
  nameWords: string[];
  /** Local ISO date of createdAt, for the "today" counter. */
  createdDay: string;
  syncState: SyncState;
  serverStatus?: ServerStatus;
  /** E.g. the rejection reason from the registry. */
  serverReason?: string;
  /** When the registry says the NIK belongs to another record. */
  duplicate?: DuplicateInfo;
  /** When the registry says the record is invalid. */
  syncErrors?: FieldIssue[];
  /** Highest version the registry acknowledged. */
  sentVersion?: number;
  lastSyncedAt?: string;
  /** sha256Hex(nik) (schema v3): the `&nikHash` index catches a NIK held by a slimmed record too. */
  nikHash?: string;
  /** Schema v5: written by the database on every put (search-keys.ts), never by callers. */
  searchKeys?: string[];
  slimmedAt?: undefined;
}

/**
 * What the phone keeps of a record the office has (verified, or accepted longer ago than the office's
 * retention): what the volunteer's list needs, nothing else (db/retention.ts). Never edited or sent.
 */
export interface SlimRegistration {
  id: string;
  fullName: string;
  nameWords: string[];
  kelurahanKode: string;
  createdDay: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  syncState: SyncState;
  serverStatus?: ServerStatus;
  sentVersion?: number;
  lastSyncedAt?: string;
  /** The NIK's last four digits, shown in the list. */
  nikLast4: string;
  nikHash: string;
  /** Schema v5: name prefixes only (no NIK is kept), written by the database (search-keys.ts). */
  searchKeys?: string[];
  /** When the rest was dropped. */
  slimmedAt: string;
}

/** A row of the `registrations` table: a full record, or what is kept of it. */
export type PhoneRecord = StoredRegistration | SlimRegistration;

export function isSlim(record: PhoneRecord): record is SlimRegistration {
  return record.slimmedAt !== undefined;
}

/** At most one entry per record (key = recordId). A newer version replaces an older one. */
export interface OutboxEntry {
  recordId: string;
  /** With recordId: the idempotency key of the push. */
  version: number;
  /** Shape of the queued payload, so entries survive app updates. */
  payloadVersion: 1;
  /**
   * 'claimed' is only ever written by schema v1–v5 (a claim marked each entry); since v6 a push's
   * claim is one ClaimRow and its entries stay 'pending'. Old claimed entries return to pending once
   * their lease is dead (outbox-queue.ts).
   */
  state: 'pending' | 'claimed' | 'parked';
  /** Epoch ms; 0 when not claimed (v1–v5 claims only). */
  leaseUntil: number;
  /** Claims counted by v1–v5; since v6 a claim writes no entry, so it is no longer raised. */
  attempts: number;
  enqueuedAt: string;
}

/**
 * One push's claim (schema v6): the records a runner is sending, under one lease, instead of a write
 * on each of their entries. Another runner's claim skips the entries a live claim names; a claim whose
 * lease ran out (its tab died) or lies further ahead than a lease can (the clock jumped back) is
 * deleted, and its entries, still pending, are claimable again.
 */
export interface ClaimRow {
  /** Auto-incremented by the database. */
  id?: number;
  /** Epoch ms on the phone's clock. */
  leaseUntil: number;
  records: { recordId: string; version: number }[];
}

/**
 * A KTP photo kept on the phone until the registry acknowledged it (schema v4), never inside the record:
 * the record names it (`ktpPhoto.sha256`), this row holds the bytes. The row is its own upload queue.
 * waiting: to upload once the registry acknowledged a version naming it (`version` or later);
 * rejected: the registry refused the bytes for good (413, 415, a record that no longer names them), kept
 * so the record's detail can say so until the volunteer takes a new photo;
 * draft: chosen in a form not yet saved, kept with its draft (drafts.ts: `id` `draft/<draft id>`,
 * `recordId` the draft id); never uploaded, counted or backed up; the save makes it the record's row.
 */
export interface PhotoRow {
  /** `${recordId}/${sha256}`: one row per record and photo, even if two records share the bytes. */
  id: string;
  recordId: string;
  sha256: string;
  type: PhotoType;
  bytes: number;
  blob: Blob;
  /** The record version that first named this photo (0 for a draft's). */
  version: number;
  state: 'waiting' | 'rejected' | 'draft';
  rejection?: PhotoRejection;
  /** Uploads tried; the sync engine's backoff spaces them out. */
  attempts: number;
  takenAt: string;
}

export type PhotoRejection = 'too_large' | 'unsupported' | 'damaged' | 'not_named';

/** What the form hands a save: the compressed photo and its hash (made off the transaction). */
export interface TakenPhoto {
  blob: Blob;
  sha256: string;
  type: PhotoType;
}

export interface Draft {
  /** 'new' for the new-registration form, or the id of the record being edited. */
  id: string;
  /** Raw form values as typed (structured-cloneable). */
  values: Record<string, unknown>;
  updatedAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
