/** Maps a validated registration to its database row: the fields as columns, the whole record as JSON. */
import type { NewRegistrationRow } from '../db/schema';
import type { Registration } from '../../shared/registration';
import { nameSearchWords } from '../../shared/text';

/** " siti aminah ": spaces around every word so `like '% amin%'` matches a word prefix. */
export function nameSearchOf(fullName: string): string {
  return ` ${nameSearchWords(fullName).join(' ')} `;
}

/**
 * `deviceKelurahanKode` is the kelurahan the pushing phone was enrolled for (null: any); a record for
 * another one is kept but flagged, recomputed with every accepted version (an edit can move the address).
 */
export function toRegistrationRow(
  record: Registration,
  deviceId: string,
  now: string,
  deviceKelurahanKode: string | null = null,
): Omit<NewRegistrationRow, 'status' | 'status_reason' | 'status_changed_at' | 'received_at'> {
  return {
    id: record.id,
    nik: record.nik,
    version: record.version,
    full_name: record.fullName,
    name_search: nameSearchOf(record.fullName),
    birth_place: record.birthPlace,
    birth_date: record.birthDate,
    gender: record.gender,
    street: record.address.street,
    rt: record.address.rt,
    rw: record.address.rw,
    kelurahan_kode: record.address.kelurahanKode,
    kecamatan_kode: record.address.kelurahanKode.slice(0, 6),
    phone: record.phone ?? null,
    occupation: record.occupation,
    occupation_other: record.occupationOther ?? null,
    monthly_income: record.monthlyIncome,
    programme: record.programme,
    funding: record.funding,
    heir_name: record.heir.name,
    heir_relationship: record.heir.relationship,
    heir_phone: record.heir.phone ?? null,
    data: JSON.stringify(record),
    device_id: deviceId,
    created_at: record.createdAt,
    updated_at: now,
    mismatched_device_kelurahan:
      deviceKelurahanKode !== null && deviceKelurahanKode !== record.address.kelurahanKode
        ? deviceKelurahanKode
        : null,
  };
}
