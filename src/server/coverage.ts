/**
 * Coverage maths, pure: registered people against the estimated number of pekerja rentan, per kelurahan,
 * kecamatan and for the city, with what the city budget (APBD) pays for them. Rejected registrations
 * do not count. Percentages are rounded to one decimal; rupiah stay integers.
 */
import { DEFAULT_TARGET_PERCENT, peopleToTarget, targetPeopleOf } from '../shared/coverage-target';
import { apbdCost } from '../shared/premium';
import { KECAMATAN, KELURAHAN } from '../shared/reference';

export { DEFAULT_TARGET_PERCENT } from '../shared/coverage-target';
/**
 * Nobody has counted Kota Malang's pekerja rentan per kelurahan yet. The default city total is chosen so
 * that the 26,400 people registered so far are about 32% of it (26,400 / 0.32 = 82,500), spread evenly
 * over the kelurahan. Replace with real estimates: `npm run admin -- set-target <kelurahan> <count>`.
 */
export const DEFAULT_CITY_ESTIMATE = 82_500;

export interface KelurahanCounts {
  /** Everyone covered: registrations (not rejected, not voided) and the people already covered. */
  registered: number;
  /** Registered with funding APBD: the people the city pays for (the already covered included). */
  registeredApbd: number;
  /** Of `registered`, the people imported as already covered at BPJS (peserta lama). */
  alreadyCovered?: number;
}

export interface Target {
  estimatedWorkers: number;
  targetPercent: number;
}

export interface CoverageFigures {
  registered: number;
  registeredApbd: number;
  alreadyCovered: number;
  /** How many more people reach the target (0 once it is reached). */
  toTarget: number;
  estimatedWorkers: number;
  targetPeople: number;
  targetPercent: number | null;
  /** Registered as a percentage of the estimate; null when there is no estimate. */
  percent: number | null;
  apbd: { monthly: number; yearly: number };
  apbdAtTarget: { monthly: number; yearly: number };
}

export interface CoverageReport {
  city: CoverageFigures;
  kecamatan: (CoverageFigures & { kode: string; nama: string })[];
  kelurahan: (CoverageFigures & { kode: string; nama: string; kecamatanKode: string })[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

/** Default estimates summing exactly to the city total: the remainder goes one each to the first ones. */
export function defaultTargets(kodes: readonly string[] = KELURAHAN.map((k) => k.kode)): Map<string, Target> {
  const base = Math.floor(DEFAULT_CITY_ESTIMATE / kodes.length);
  const remainder = DEFAULT_CITY_ESTIMATE - base * kodes.length;
  return new Map(
    kodes.map((kode, i) => [
      kode,
      { estimatedWorkers: base + (i < remainder ? 1 : 0), targetPercent: DEFAULT_TARGET_PERCENT },
    ]),
  );
}

function figuresFor(counts: KelurahanCounts, target: Target | undefined): CoverageFigures {
  const estimatedWorkers = target?.estimatedWorkers ?? 0;
  const targetPeople = targetPeopleOf(estimatedWorkers, target?.targetPercent ?? DEFAULT_TARGET_PERCENT);
  return {
    registered: counts.registered,
    registeredApbd: counts.registeredApbd,
    alreadyCovered: counts.alreadyCovered ?? 0,
    toTarget: peopleToTarget(counts.registered, targetPeople),
    estimatedWorkers,
    targetPeople,
    targetPercent: target?.targetPercent ?? DEFAULT_TARGET_PERCENT,
    percent: percentOf(counts.registered, estimatedWorkers),
    apbd: apbdCost(counts.registeredApbd),
    apbdAtTarget: apbdCost(targetPeople),
  };
}

function sumFigures(parts: CoverageFigures[]): CoverageFigures {
  const sum = (pick: (f: CoverageFigures) => number) => parts.reduce((acc, f) => acc + pick(f), 0);
  const registered = sum((f) => f.registered);
  const registeredApbd = sum((f) => f.registeredApbd);
  const estimatedWorkers = sum((f) => f.estimatedWorkers);
  const targetPeople = sum((f) => f.targetPeople);
  return {
    registered,
    registeredApbd,
    alreadyCovered: sum((f) => f.alreadyCovered),
    toTarget: sum((f) => f.toTarget),
    estimatedWorkers,
    targetPeople,
    targetPercent: percentOf(targetPeople, estimatedWorkers),
    percent: percentOf(registered, estimatedWorkers),
    apbd: apbdCost(registeredApbd),
    apbdAtTarget: apbdCost(targetPeople),
  };
}

/** `only` limits the report to those kelurahan (an operator's scope): the sums cover them alone. */
export function computeCoverage(
  counts: Map<string, KelurahanCounts>,
  targets: Map<string, Target>,
  only: readonly string[] | null = null,
): CoverageReport {
  const none: KelurahanCounts = { registered: 0, registeredApbd: 0 };
  const shown = only === null ? KELURAHAN : KELURAHAN.filter((k) => only.includes(k.kode));
  const kelurahan = shown.map((k) => ({
    kode: k.kode,
    nama: k.nama,
    kecamatanKode: k.kecamatanKode,
    ...figuresFor(counts.get(k.kode) ?? none, targets.get(k.kode)),
  }));
  const kecamatan = KECAMATAN.filter((kc) => kelurahan.some((k) => k.kecamatanKode === kc.kode)).map(
    (kc) => ({
      kode: kc.kode,
      nama: kc.nama,
      ...sumFigures(kelurahan.filter((k) => k.kecamatanKode === kc.kode)),
    }),
  );
  return { city: sumFigures(kelurahan), kecamatan, kelurahan };
}
