/**
 * Lookups over the generated reference data: Kota Malang's kecamatan and kelurahan, and the
 * province / kabupaten-kota codes that the first four digits of a NIK must match.
 */
import { foldForSearch } from '../text';
import { KECAMATAN, KELURAHAN, SERVICE_AREA_KODE, SERVICE_AREA_NAMA } from './kota-malang.generated';
import { KABKOTA, PROVINSI } from './wilayah-codes.generated';
import type { Kecamatan, Kelurahan } from './types';

export type { Kecamatan, Kelurahan } from './types';
export { KECAMATAN, KELURAHAN, SERVICE_AREA_KODE, SERVICE_AREA_NAMA };

/** Changes whenever the generated reference files change; sent to phones on pull. */
export const REFERENCE_VERSION = 'kemendagri-2025.b7ad440';

const kelurahanByKode = new Map(KELURAHAN.map((k) => [k.kode, k]));
const kecamatanByKode = new Map(KECAMATAN.map((k) => [k.kode, k]));

export function findKelurahan(kode: string): Kelurahan | undefined {
  return kelurahanByKode.get(kode);
}

export function findKecamatan(kode: string): Kecamatan | undefined {
  return kecamatanByKode.get(kode);
}

/** The kecamatan a kelurahan belongs to: its code is the kelurahan code's first six digits. */
export function kecamatanOfKelurahan(kelurahanKode: string): Kecamatan | undefined {
  return findKelurahan(kelurahanKode) && findKecamatan(kelurahanKode.slice(0, 6));
}

export function provinsiName(kode2: string): string | undefined {
  return PROVINSI[kode2];
}

export function kabkotaName(kode4: string): string | undefined {
  return KABKOTA[kode4];
}

const searchKeys = new Map(
  KELURAHAN.map((k) => [k.kode, [k.nama, ...k.aliases].map(foldForSearch)] as const),
);

/**
 * Kelurahan whose name or an alias contains the query, ignoring case, spaces and hyphens
 * (so "tasikmadu", "Tasik Madu" and "oro oro" all match). Names starting with the query come first.
 */
export function searchKelurahan(query: string): Kelurahan[] {
  const q = foldForSearch(query);
  if (!q) return [...KELURAHAN];
  const hits = KELURAHAN.filter((k) => searchKeys.get(k.kode)!.some((key) => key.includes(q)));
  const startsWith = (k: Kelurahan) => searchKeys.get(k.kode)!.some((key) => key.startsWith(q));
  return hits.sort((a, b) => Number(startsWith(b)) - Number(startsWith(a)));
}
