/**
 * Reads and writes what coverage needs: registration counts per kelurahan and the targets table, and one
 * kelurahan's figures for its phones.
 */
import type { Kysely } from 'kysely';
import {
  computeCoverage,
  defaultTargets,
  type CoverageReport,
  type KelurahanCounts,
  type Target,
} from '../coverage';
import type { Database } from '../db/schema';
import { DEFAULT_TARGET_PERCENT, peopleToTarget, targetPeopleOf } from '../../shared/coverage-target';
import type { KelurahanProgress } from '../../shared/sync-protocol';
import { writeAudit } from './audit';

/** Gives every kelurahan without a target the documented default; never overwrites a target set before. */
export async function seedCoverageTargets(db: Kysely<Database>, now: string): Promise<void> {
  const rows = [...defaultTargets()].map(([kode, t]) => ({
    kelurahan_kode: kode,
    estimated_workers: t.estimatedWorkers,
    target_percent: t.targetPercent,
    updated_at: now,
  }));
  await db
    .insertInto('coverage_targets')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function setCoverageTarget(
  db: Kysely<Database>,
  now: string,
  actor: string,
  kelurahanKode: string,
  target: Target,
): Promise<void> {
  const values = {
    estimated_workers: target.estimatedWorkers,
    target_percent: target.targetPercent,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coverage_targets')
      .values({ kelurahan_kode: kelurahanKode, ...values })
      .onConflict((oc) => oc.column('kelurahan_kode').doUpdateSet(values))
      .execute();
    await writeAudit(trx, now, {
      actor,
      action: 'coverage_target.set',
      target: kelurahanKode,
      detail: { ...target },
    });
  });
}

/** Registered and APBD-paid counts for the kelurahan whose code starts with `prefix` ('' = all). */
export async function readCoverageCounts(
  db: Kysely<Database>,
  prefix: string,
): Promise<{ registered: number; apbd: number }> {
  let query = db.selectFrom('kelurahan_counts');
  if (prefix !== '') query = query.where('kelurahan_kode', 'like', `${prefix}%`);
  const row = await query
    .select((eb) => [
      eb.fn.sum<number | string | null>('registered').as('registered'),
      eb.fn.sum<number | string | null>('apbd').as('apbd'),
    ])
    .executeTakeFirstOrThrow();
  return { registered: Number(row.registered ?? 0), apbd: Number(row.apbd ?? 0) };
}

export async function readCoverage(
  db: Kysely<Database>,
  only: readonly string[] | null = null,
): Promise<CoverageReport> {
  // kelurahan_counts is the grouped count of countable registrations, kept by triggers (migration 0010).
  const countRows = await db
    .selectFrom('kelurahan_counts')
    .select(['kelurahan_kode', 'registered', 'apbd'])
    .execute();
  const coveredRows = await db
    .selectFrom('covered_people')
    .select((eb) => ['kelurahan_kode', eb.fn.countAll<number | string>().as('n')])
    .groupBy('kelurahan_kode')
    .execute();
  const counts = new Map<string, KelurahanCounts>(
    countRows.map((r) => [
      r.kelurahan_kode,
      { registered: Number(r.registered), registeredApbd: Number(r.apbd ?? 0), alreadyCovered: 0 },
    ]),
  );
  // The already covered are paid from the APBD like the rest: they count in both figures.
  for (const row of coveredRows) {
    const n = Number(row.n);
    const c = counts.get(row.kelurahan_kode) ?? { registered: 0, registeredApbd: 0, alreadyCovered: 0 };
    counts.set(row.kelurahan_kode, {
      registered: c.registered + n,
      registeredApbd: c.registeredApbd + n,
      alreadyCovered: (c.alreadyCovered ?? 0) + n,
    });
  }
  const targetRows = await db.selectFrom('coverage_targets').selectAll().execute();
  const targets = new Map<string, Target>(
    targetRows.map((r) => [
      r.kelurahan_kode,
      { estimatedWorkers: r.estimated_workers, targetPercent: r.target_percent },
    ]),
  );
  return computeCoverage(counts, targets, only);
}

/**
 * The statement behind readKelurahanProgress: four lookups by key (kelurahan_counts and coverage_targets
 * by primary key, covered_people by its kelurahan index), no scan — the pull is the hottest route.
 */
export function kelurahanProgressQuery(db: Kysely<Database>, kelurahanKode: string) {
  return db.selectNoFrom((eb) => [
    eb
      .selectFrom('kelurahan_counts')
      .select('registered')
      .where('kelurahan_kode', '=', kelurahanKode)
      .as('registered'),
    eb
      .selectFrom('covered_people')
      .select((c) => c.fn.countAll<number | string>().as('n'))
      .where('kelurahan_kode', '=', kelurahanKode)
      .as('covered'),
    eb
      .selectFrom('coverage_targets')
      .select('estimated_workers')
      .where('kelurahan_kode', '=', kelurahanKode)
      .as('estimated'),
    eb
      .selectFrom('coverage_targets')
      .select('target_percent')
      .where('kelurahan_kode', '=', kelurahanKode)
      .as('percent'),
  ]);
}

/** One kelurahan's figures for its phones' pull, counted the way readCoverage counts them. */
export async function readKelurahanProgress(
  db: Kysely<Database>,
  kelurahanKode: string,
  asOf: string,
): Promise<KelurahanProgress> {
  const row = await kelurahanProgressQuery(db, kelurahanKode).executeTakeFirstOrThrow();
  const registered = Number(row.registered ?? 0) + Number(row.covered ?? 0);
  const estimatedWorkers = Number(row.estimated ?? 0);
  const targetPercent = Number(row.percent ?? DEFAULT_TARGET_PERCENT);
  const targetPeople = targetPeopleOf(estimatedWorkers, targetPercent);
  return {
    kelurahanKode,
    registered,
    estimatedWorkers,
    targetPercent,
    targetPeople,
    toTarget: peopleToTarget(registered, targetPeople),
    asOf,
  };
}
