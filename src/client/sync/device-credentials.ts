/**
 * What the phone keeps about its enrollment and sync progress, in `meta`: the device id and token,
 * a refused token (so a revoked phone stops asking until it enrolls again), the pull cursor, the
 * time of the last full sync, how far this phone's clock is off the registry's, and the last kelurahan
 * figures the registry sent (shown offline as they were). Enrolling again starts a new device: its
 * cursor and figures start over.
 */
import { getMeta, setMeta, type JaringDb } from '../db';
import type { KelurahanProgress } from '../../shared/sync-protocol';
import { SYNC_META_KEYS as KEYS } from './meta-keys';
import type { SyncErrorCode } from './registry-client';

/** The registry's figures for this phone's kelurahan and when the phone received them (phone's ISO). */
export interface StoredKelurahanProgress extends KelurahanProgress {
  receivedAt: string;
}

/** Phone clock − registry clock, from the registry's `Date` header, and when (phone's ISO time). */
export interface ClockOffset {
  offsetS: number;
  measuredAt: string;
}

export interface DeviceCredentials {
  deviceId: string;
  token: string;
  enrolledAt: string;
  /** The kelurahan the phone is enrolled for; null: city-wide; absent: enrolled with an older registry. */
  kelurahanKode?: string | null;
}

export type AuthProblem = Extract<SyncErrorCode, 'unauthorized' | 'device_revoked'>;

export const loadCredentials = (db: JaringDb) => getMeta<DeviceCredentials>(db, KEYS.device);
export const loadAuthProblem = (db: JaringDb) => getMeta<AuthProblem>(db, KEYS.authProblem);
export const loadCursor = (db: JaringDb) => getMeta<string>(db, KEYS.cursor);
export const loadLastSuccessAt = (db: JaringDb) => getMeta<string>(db, KEYS.lastSuccessAt);
export const loadClockOffset = (db: JaringDb) => getMeta<ClockOffset>(db, KEYS.clockOffset);
export const storeClockOffset = (db: JaringDb, offset: ClockOffset) => setMeta(db, KEYS.clockOffset, offset);

export async function storeCredentials(db: JaringDb, credentials: DeviceCredentials): Promise<void> {
  // The new device's feed starts over; the credentials go last, so a crash in between only costs a retry.
  await setMeta(db, KEYS.cursor, undefined);
  await setMeta(db, KEYS.authProblem, undefined);
  await setMeta(db, KEYS.kelurahanProgress, undefined);
  await setMeta(db, KEYS.device, credentials);
}

export const storeAuthProblem = (db: JaringDb, problem: AuthProblem) =>
  setMeta(db, KEYS.authProblem, problem);
export const storeLastSuccessAt = (db: JaringDb, iso: string) => setMeta(db, KEYS.lastSuccessAt, iso);
export const loadKelurahanProgress = (db: JaringDb) =>
  getMeta<StoredKelurahanProgress>(db, KEYS.kelurahanProgress);
export const storeKelurahanProgress = (db: JaringDb, progress: StoredKelurahanProgress) =>
  setMeta(db, KEYS.kelurahanProgress, progress);
