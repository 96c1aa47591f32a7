/**
 * What the phone keeps of a record the office has: the name (and its search words), the kelurahan,
 * the status, the NIK's last four digits and its hash (for the one-NIK-per-phone rule and a search by
 * a whole NIK). Birth date and place, address, phone, occupation, income, heir, consent, location and
 * notes are dropped. Pure.
 */
import { sha256Hex } from '../../shared/sha256';
import type { SlimRegistration, StoredRegistration } from './types';

export function slimmed(record: StoredRegistration, at: string): SlimRegistration {
  return {
    id: record.id,
    fullName: record.fullName,
    nameWords: record.nameWords,
    kelurahanKode: record.kelurahanKode,
    createdDay: record.createdDay,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
    syncState: record.syncState,
    ...(record.serverStatus && { serverStatus: record.serverStatus }),
    ...(record.sentVersion !== undefined && { sentVersion: record.sentVersion }),
    ...(record.lastSyncedAt && { lastSyncedAt: record.lastSyncedAt }),
    nikLast4: record.nik.slice(-4),
    nikHash: record.nikHash ?? sha256Hex(record.nik),
    slimmedAt: at,
  };
}
