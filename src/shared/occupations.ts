/** The occupations Jaring registers: the pekerja rentan the city covers, plus "lainnya" with free text. */
export const OCCUPATIONS = [
  { code: 'satlinmas', id: 'Anggota Satlinmas', en: 'Satlinmas guard' },
  { code: 'guru_ngaji', id: 'Guru ngaji / ustadz', en: 'Quran teacher / ustadz' },
  { code: 'penjaga_makam', id: 'Penjaga makam', en: 'Cemetery keeper' },
  { code: 'modin', id: 'Modin / muadzin / marbot', en: 'Modin / muezzin / mosque caretaker' },
  { code: 'kader_posyandu', id: 'Kader posyandu', en: 'Posyandu health volunteer' },
  { code: 'relawan_sosial', id: 'Relawan poskesos / TKSK', en: 'Poskesos / TKSK social volunteer' },
  { code: 'guru_sekolah_minggu', id: 'Guru sekolah minggu', en: 'Sunday-school teacher' },
  { code: 'pedagang_kecil', id: 'Pedagang kecil / penjual kue', en: 'Small trader / cake seller' },
  { code: 'tukang_pijat', id: 'Tukang pijat', en: 'Masseur' },
  { code: 'kuli_bangunan', id: 'Kuli bangunan', en: 'Construction labourer' },
  { code: 'ojek', id: 'Pengemudi ojek', en: 'Motorcycle taxi driver' },
  { code: 'buruh_harian', id: 'Buruh harian lepas', en: 'Casual day labourer' },
  { code: 'lainnya', id: 'Lainnya', en: 'Other' },
] as const;

export type OccupationCode = (typeof OCCUPATIONS)[number]['code'];
export const OCCUPATION_CODES = OCCUPATIONS.map((o) => o.code) as [OccupationCode, ...OccupationCode[]];

export const HEIR_RELATIONSHIPS = [
  { code: 'suami', id: 'Suami', en: 'Husband' },
  { code: 'istri', id: 'Istri', en: 'Wife' },
  { code: 'anak', id: 'Anak', en: 'Child' },
  { code: 'orang_tua', id: 'Orang tua', en: 'Parent' },
  { code: 'saudara', id: 'Saudara kandung', en: 'Sibling' },
  { code: 'lainnya', id: 'Lainnya', en: 'Other' },
] as const;

export type HeirRelationship = (typeof HEIR_RELATIONSHIPS)[number]['code'];
export const HEIR_RELATIONSHIP_CODES = HEIR_RELATIONSHIPS.map((r) => r.code) as [
  HeirRelationship,
  ...HeirRelationship[],
];

export function occupationLabel(code: string, lang: 'id' | 'en' = 'id'): string {
  return OCCUPATIONS.find((o) => o.code === code)?.[lang] ?? code;
}
