/**
 * The phone's IndexedDB database: schema versions and the connection's life cycle.
 *
 * Stateful: a JaringDb is one connection. When another tab (a newer app version) wants to upgrade or
 * delete the database, this connection closes itself for good (no silent auto-reopen on an old schema)
 * and tells the UI, which asks the volunteer to reload. Listeners live in a module-level set because
 * the UI subscribes once at start-up, whichever connection is open at the time.
 *
 * Two durabilities. What the volunteer typed (a save, an edit, a restore) commits 'strict': reported
 * done only once it is on disk. The sync's own bookkeeping (claims, answers, pulled changes, cursor,
 * clock, slimming) goes through `forBookkeeping()`, a second connection to the same database whose
 * commits are 'relaxed': still atomic, but not flushed before they report done. A crash may then lose
 * the relaxed commits not yet flushed, never half of one, and losing them only means the same records
 * are pushed again and answered `unchanged` (the registry is idempotent by id and version) or the
 * same changes pulled again (the cursor moves in the changes' transaction). On slow storage each
 * flush costs a few hundred milliseconds, and a sync made four of them per batch (bench/findings.md).
 */
import Dexie, { type EntityTable, type PromiseExtended } from 'dexie';
import { sha256Hex } from '../../shared/sha256';
import { searchKeysMiddleware, searchKeysOf } from './search-keys';
import type {
  ClaimRow,
  Draft,
  MetaRow,
  OutboxEntry,
  PhoneRecord,
  PhotoRow,
  StoredRegistration,
} from './types';

export const DEFAULT_DB_NAME = 'jaring';

/**
 * Schema v1. Besides the indexes in the contract, the two `[…+updatedAt]` compound indexes let a list
 * filtered by kelurahan or by sync state come out newest first straight from the index.
 * Never edit a released version: add the next version (with an upgrade function if rows change) instead.
 */
const SCHEMA_V1 = {
  registrations:
    'id, &nik, kelurahanKode, syncState, updatedAt, *nameWords, createdDay, ' +
    '[kelurahanKode+syncState], [kelurahanKode+updatedAt], [syncState+updatedAt]',
  drafts: 'id, updatedAt',
  outbox: 'recordId, state, leaseUntil, enqueuedAt',
  meta: 'key',
} as const;

/**
 * Schema v2: the outbox is indexed by `[state+enqueuedAt]` only. A sync claims the oldest pending
 * entries with one bounded read of it (v1 walked every entry in `enqueuedAt` order and skipped the
 * others), and `where('state')` still works on its first part. The v1 `state`, `leaseUntil` and
 * `enqueuedAt` indexes are dropped: each was rewritten on every claim, answer and save, and nothing
 * else reads them. Only indexes change: IndexedDB builds the new one from the existing entries
 * during the upgrade, so every record and outbox entry is kept as it is (no upgrade function).
 * Registrations lose `kelurahanKode`, `syncState` and `[kelurahanKode+syncState]`: the `[…+updatedAt]`
 * indexes answer the same queries by their first part (Dexie's virtual indexes), and every index is
 * one more write on each save and on each answer a sync applies.
 */
const SCHEMA_V2 = {
  registrations:
    'id, &nik, updatedAt, *nameWords, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
  outbox: 'recordId, [state+enqueuedAt]',
} as const;

/**
 * Schema v3: `&nikHash` (sha256Hex of the NIK) on registrations, so the phone's one-NIK-per-phone rule
 * and a search by a whole NIK still work once a record is slimmed to what the list needs and its NIK
 * dropped (db/retention.ts). The upgrade adds the hash to every record; no record, draft or outbox
 * entry is otherwise touched (test/sync/schema-upgrade.test.ts).
 */
const SCHEMA_V3 = {
  registrations:
    'id, &nik, &nikHash, updatedAt, *nameWords, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
} as const;

/**
 * Schema v4: `photos`, the KTP photos not yet acknowledged by the registry (types.ts, db/photos.ts),
 * by `id` (`recordId/sha256`), with `recordId` (a record's photos, for a save, an erasure, slimming)
 * and `[state+takenAt]` (the upload queue, oldest first). A new table: no row of v3 changes.
 */
const SCHEMA_V4 = {
  photos: 'id, recordId, [state+takenAt]',
} as const;

/**
 * Schema v5: `*searchKeys`, the prefixes of each record's name words and NIK with its updatedAt
 * (search-keys.ts), so a search reads the newest records holding a prefix straight from the index.
 * `*nameWords` is dropped: only the search read it, and each index is more writes on every save and
 * every sync answer. The upgrade writes the keys on every record; nothing else changes
 * (test/sync/schema-upgrade.test.ts).
 */
const SCHEMA_V5 = {
  registrations:
    'id, &nik, &nikHash, updatedAt, *searchKeys, createdDay, [kelurahanKode+updatedAt], [syncState+updatedAt]',
} as const;

/**
 * Schema v6: `claims`, one row per push in flight (types.ts ClaimRow), by an auto-incremented id. A
 * claim used to rewrite every entry it took (state, lease, attempts: a write per record on top of the
 * answer's two); now it writes one row per batch, and the answer deletes it with the entries it
 * settles. A new table: no record, outbox entry, draft or meta row of v5 changes; entries a v5 tab
 * left 'claimed' return to pending once their lease is dead, as before (test/sync/schema-upgrade.test.ts).
 */
const SCHEMA_V6 = {
  claims: '++id',
} as const;

/**
 * versionchange: another tab upgrades or deletes the database; this connection is now closed and
 * the app must reload. blocked: this connection waits for another tab to close its older one.
 * (When the browser itself drops the connection, Dexie reopens it on the next call; a failure then
 * comes back from that call as storageError 'closed' or 'io'.)
 */
export interface DbBlockedEvent {
  kind: 'versionchange' | 'blocked';
  dbName: string;
}
export type DbBlockedListener = (event: DbBlockedEvent) => void;

const listeners = new Set<DbBlockedListener>();

/** Subscribe to connection trouble that needs the volunteer (reload, close other tabs). Returns unsubscribe. */
export function onDbBlocked(listener: DbBlockedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(event: DbBlockedEvent): void {
  for (const listener of [...listeners]) listener(event);
}

type Durability = 'strict' | 'relaxed';

export class JaringDb extends Dexie {
  registrations!: EntityTable<PhoneRecord, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'recordId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  photos!: EntityTable<PhotoRow, 'id'>;
  claims!: EntityTable<ClaimRow, 'id'>;

  /** The relaxed connection of a strict one, opened on first use and closed with it. */
  private bookkeeping: JaringDb | undefined;
  /** Closed with this connection: replaced by a fresh one only when this one opens again. */
  private isBookkeepingClosed = false;
  private readonly durability: Durability;

  constructor(name: string = DEFAULT_DB_NAME, durability: Durability = 'strict') {
    // 'strict': a write is reported done only once it is on disk, so a saved record survives a crash.
    super(name, { chromeTransactionDurability: durability });
    this.durability = durability;
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) =>
        tx
          .table<StoredRegistration>('registrations')
          .toCollection()
          .modify((record) => {
            record.nikHash = sha256Hex(record.nik);
          }),
      );
    this.version(4).stores(SCHEMA_V4);
    this.version(5)
      .stores(SCHEMA_V5)
      .upgrade((tx) =>
        tx
          .table<PhoneRecord>('registrations')
          .toCollection()
          .modify((record) => {
            record.searchKeys = searchKeysOf(record);
          }),
      );
    this.version(6).stores(SCHEMA_V6);
    // Every later write gets its keys from the row itself (the invariant in search-keys.ts).
    this.use(searchKeysMiddleware);
    this.on('versionchange', () => {
      // Dexie's default handler closes with auto-reopen; reopening on an outdated schema would fail later
      // in confusing ways, so close for good (every later call fails with DatabaseClosedError) and
      // return false, which stops Dexie's default handler from running after this one.
      this.close({ disableAutoOpen: true });
      notify({ kind: 'versionchange', dbName: name });
      return false;
    });
    this.on('blocked', () => notify({ kind: 'blocked', dbName: name }));
  }

  /**
   * The same database through a connection whose commits are 'relaxed' (see the top of this file):
   * for the sync's bookkeeping only, never for what the volunteer typed. Ask for it at each use. It
   * closes with this connection and stays closed with it — after another tab's upgrade, for good, so
   * a run still going cannot reopen the database on this tab's old schema — until this one opens again.
   */
  forBookkeeping(): JaringDb {
    if (this.durability === 'relaxed') return this;
    this.bookkeeping ??= new JaringDb(this.name, 'relaxed');
    return this.bookkeeping;
  }

  override open(): PromiseExtended<Dexie> {
    if (this.isBookkeepingClosed) this.bookkeeping = undefined;
    this.isBookkeepingClosed = false;
    return super.open();
  }

  override close(options?: { disableAutoOpen: boolean }): void {
    this.bookkeeping?.close(options);
    this.isBookkeepingClosed = this.bookkeeping !== undefined;
    super.close(options);
  }
}

/** A connection to the named database; it opens on first use. */
export function openJaringDb(name: string = DEFAULT_DB_NAME): JaringDb {
  return new JaringDb(name);
}
