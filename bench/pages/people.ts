/**
 * Realistic, deterministic registrations for the benchmarks: Javanese / East-Javanese names as met in
 * Kota Malang (many "Siti …", "Moch. …", "Su…" names, one to three words, a few very common words and
 * a long tail) so name prefixes have the selectivity a volunteer meets; NIKs valid for the kecamatan of
 * the address, with the birth date and gender they encode and a unique serial per person.
 * Pure: runs in the benchmark page and on Node alike.
 */
import { KELURAHAN } from '../../src/shared/reference';
import { CONSENT_VERSION } from '../../src/shared/consent';
import { OCCUPATIONS, type HeirRelationship } from '../../src/shared/occupations';
import type { RegistrationFields } from '../../src/shared/registration';

// Ordered by how common they are: word k is drawn with weight 1 / (k + 1).
const FEMALE = (
  'Sri Dewi Nur Tri Wahyuni Sumarni Suparmi Sulastri Sunarti Endang Yuliati Rahayu Lestari Puji Wulan ' +
  'Ratna Indah Fitri Eka Ani Yayuk Sutini Suwarni Sumiati Kartini Kasiyem Tumini Ngatini Jumiati ' +
  'Rukmini Maryam Aminah Fatimah Khotijah Aisyah Umi Lilik Anik Ninik Tutik Rini Yeni Dwi Kusuma ' +
  'Handayani Susanti Purwati Setyowati Rohmah Hidayati Mulyani Sugiarti Winarti Murni Pujiati ' +
  'Astutik Sholikhah Musripah Mbok Suwanti Kustini Partini Painem Sukarti Suprihatin Wiji Rusmini'
).split(' ');
const MALE = (
  'Agus Budi Slamet Eko Joko Bambang Sugeng Hadi Heri Dwi Wahyu Suparman Sutrisno Sugiarto Sunaryo ' +
  'Supriyadi Santoso Prasetyo Hariyanto Yanto Didik Imam Abdul Rahman Ali Hasan Yusuf Ilham Arif ' +
  'Teguh Widodo Setiawan Kurniawan Nur Hidayat Riyadi Mulyono Sukirno Paimin Tukiman Kasmuri ' +
  'Purnomo Sujarwo Suwito Jumadi Samsul Arifin Syaiful Anam Rizal Fauzi Bagus Dedi Andi Rudi Hendra ' +
  'Sholeh Zainal Mahmud Ngatiman Karyadi Rokhim Mujiono Kholil Mustofa Ponidi Sumadi Legiman'
).split(' ');
const FEMALE_LEADS = ['Siti', 'Sri', 'Nur', 'Dwi'];
const MALE_LEADS = ['Muhammad', 'Moch.', 'Mochammad', 'Ahmad', 'M.'];
const STREETS =
  'Ciliwung Kawi Ijen Soekarno-Hatta Sulfat Mayjen Panjaitan Gajayana Bandung Tidar Kahuripan Danau Toba Terusan Ambarawa Janti Muharto Laksda Adi Sucipto Raya Tlogomas Simpang Borobudur'.split(
    ' ',
  );

/** Deterministic [0, 1) generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index k of n with Zipf weight 1 / (k + 1) (cumulative weights precomputed per list). */
function zipfPicker(words: readonly string[]): (random: () => number) => string {
  const cumulative: number[] = [];
  let total = 0;
  words.forEach((_, k) => cumulative.push((total += 1 / (k + 1))));
  return (random) => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

const pickFemale = zipfPicker(FEMALE);
const pickMale = zipfPicker(MALE);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const pickOf = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)]!;

function makeName(isFemale: boolean, random: () => number): string {
  const pick = isFemale ? pickFemale : pickMale;
  const words: string[] = [];
  const lead = random();
  if (lead < (isFemale ? 0.2 : 0.18)) words.push(pickOf(isFemale ? FEMALE_LEADS : MALE_LEADS, random));
  const count = random() < 0.3 ? 1 : random() < 0.75 ? 2 : 3;
  while (words.length < count || words.length === 0) {
    const word = pick(random);
    if (!words.includes(word)) words.push(word);
  }
  return words.join(' ');
}

/** Makes `count` people with distinct NIKs; the same seed always gives the same people. */
export function makePeople(count: number, seed: number, agreedAt: string): RegistrationFields[] {
  const random = seededRandom(seed);
  const serials = new Map<string, number>();
  const people: RegistrationFields[] = [];
  const occupations = OCCUPATIONS.filter((o) => o.code !== 'lainnya').map((o) => o.code);
  for (let n = 0; n < count; n++) {
    const isFemale = random() < 0.55;
    const kelurahan = pickOf(KELURAHAN, random);
    const [year, month, day] = [
      1961 + Math.floor(random() * 45),
      1 + Math.floor(random() * 12),
      1 + Math.floor(random() * 28),
    ];
    const birthKey = `${kelurahan.kode.slice(0, 6)}${pad(day + (isFemale ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
    const serial = (serials.get(birthKey) ?? 0) + 1;
    serials.set(birthKey, serial);
    const heirIsFemale = !isFemale;
    const relationship: HeirRelationship = pickOf(
      isFemale ? ['suami', 'anak', 'orang_tua', 'saudara'] : ['istri', 'anak', 'orang_tua', 'saudara'],
      random,
    );
    people.push({
      nik: `${birthKey}${pad(serial, 4)}`,
      fullName: makeName(isFemale, random),
      birthPlace:
        random() < 0.7
          ? 'Malang'
          : pickOf(['Blitar', 'Kediri', 'Pasuruan', 'Lumajang', 'Batu', 'Surabaya'], random),
      birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      gender: isFemale ? 'P' : 'L',
      address: {
        street: `Jl. ${pickOf(STREETS, random)} No. ${1 + Math.floor(random() * 120)}`,
        rt: pad(1 + Math.floor(random() * 12), 3),
        rw: pad(1 + Math.floor(random() * 9), 3),
        kelurahanKode: kelurahan.kode,
      },
      ...(random() < 0.6 && { phone: `+628${pad(Math.floor(random() * 1e10), 10)}` }),
      occupation: pickOf(occupations, random),
      monthlyIncome: random() < 0.85 ? 1_000_000 : 1_500_000,
      programme: random() < 0.9 ? 'JKK_JKM' : 'JKK_JKM_JHT',
      funding: random() < 0.8 ? 'APBD' : 'MANDIRI',
      heir: { name: makeName(heirIsFemale, random), relationship },
      consent: { version: CONSENT_VERSION, agreed: true, agreedAt },
    });
  }
  return people;
}
