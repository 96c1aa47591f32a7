/**
 * One sync run: push everything waiting in bounded batches, pull the registry's status changes, then
 * upload the KTP photos of records the registry now holds (photo-upload.ts).
 * Each batch is claim (transaction) → POST (no transaction open) → apply answers (transaction). A failed
 * POST hands its claims straight back; a run that dies mid-way leaves leases that expire by themselves.
 */
import {
  applyPushResults,
  applyStatusChanges,
  claimOutboxBatch,
  countOutbox,
  releaseClaims,
  slimRecordsPastRetention,
  resolveStaleRecords,
  storePhotoRequirement,
  type ClaimedRecord,
  type JaringDb,
} from '../db';
import type { PushResult } from '../../shared/sync-protocol';
import { loadCursor, storeKelurahanProgress } from './device-credentials';
import { SYNC_META_KEYS } from './meta-keys';
import type { ReportSource } from './device-report';
import { uploadPhotos } from './photo-upload';
import type { CallFailure, RegistryClient } from './registry-client';
import type { SyncProgress } from './status-store';
import type { OutboxKey } from './sync-types';

export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
}

export interface RunContext {
  db: JaringDb;
  client: RegistryClient;
  token: string;
  now: () => number;
  leaseMs: number;
  limits: BatchLimits;
  /** Renews the runner lock; false means another runner took over, so this one stops. */
  renew: () => Promise<boolean>;
  onProgress: (progress: SyncProgress) => void;
  /** The health report sent with each push and pull. */
  report: ReportSource;
  /** The phone's clock offset as last measured (s), sent with each push; undefined before any. */
  clockOffsetS: () => number | undefined;
}

/** A failed push names its batch; see SyncOutcome for `isRegistryAnswering`. */
interface PushFailure {
  ok: false;
  failure: CallFailure;
  batch?: OutboxKey[];
  isRegistryAnswering?: boolean;
}

export type RunResult =
  { ok: true; pushed: number; parked: number; pulled: number } | (PushFailure & { pushed: number });

const BAD_RESPONSE: CallFailure = { code: 'bad_response', isTransient: true };
/** Another runner took the lease over (this one stalled past it): stop quietly, it carries on. */
const LOST_LOCK: CallFailure = { code: 'busy', isTransient: false };

/**
 * Pulls every page of status changes after the stored cursor; the cursor moves only after applying.
 * The last page's kelurahan figures are kept (one meta row) for the records screen.
 */
export async function pullChanges(
  ctx: RunContext,
): Promise<{ ok: true; pulled: number } | { ok: false; failure: CallFailure }> {
  let pulled = 0;
  let cursor = await loadCursor(ctx.db);
  // Counted afresh: after the pushes, this is what the office should see as still waiting.
  const device = await ctx.report();
  for (;;) {
    const page = await ctx.client.pull(ctx.token, cursor, device);
    if (!page.ok) return page;
    cursor = page.value.cursor;
    pulled += await applyStatusChanges(ctx.db, page.value.changes, {
      key: SYNC_META_KEYS.cursor,
      value: cursor,
    });
    if (!page.value.hasMore) {
      const { kelurahan, retentionDays, requireKtpPhoto } = page.value;
      if (kelurahan) {
        await storeKelurahanProgress(ctx.db, { ...kelurahan, receivedAt: new Date(ctx.now()).toISOString() });
      }
      await storePhotoRequirement(ctx.db, requireKtpPhoto);
      await slimRecordsPastRetention(ctx.db, retentionDays, ctx.now());
      return { ok: true, pulled };
    }
  }
}

/** The answers that match a claim; answers about ids not claimed are ignored. */
function answersFor(claims: ClaimedRecord[], results: PushResult[]): PushResult[] {
  const claimed = new Set(claims.map((claim) => `${claim.recordId}@${claim.version}`));
  return results.filter((result) => claimed.has(`${result.id}@${result.version}`));
}

/**
 * A push that failed: its claims go straight back. When one record alone met a 500, a pull
 * (the same registry, the same database) tells whether the registry answers anything else — only then
 * may the engine hold that record for the office.
 */
async function failedPush(
  ctx: RunContext,
  claims: ClaimedRecord[],
  failure: CallFailure,
): Promise<PushFailure> {
  await releaseClaims(ctx.db, claims);
  const batch = claims.map(({ recordId, version }) => ({ recordId, version }));
  if (failure.status !== 500 || claims.length !== 1) return { ok: false, failure, batch };
  const probe = await pullChanges(ctx);
  return { ok: false, failure, batch, isRegistryAnswering: probe.ok };
}

async function pushBatch(ctx: RunContext, claims: ClaimedRecord[], waiting: number) {
  const response = await ctx.client.push(
    ctx.token,
    claims.map((claim) => claim.payload),
    await ctx.report(waiting),
    ctx.clockOffsetS(),
  );
  if (!response.ok) return failedPush(ctx, claims, response.failure);
  const answers = answersFor(claims, response.value.results);
  // The batch's claim goes with the answers: a record the registry did not answer is claimable again.
  const nowIso = new Date(ctx.now()).toISOString();
  const applied = await applyPushResults(ctx.db, answers, nowIso, claims);
  if (answers.length === 0) return { ok: false as const, failure: BAD_RESPONSE };
  if (applied.stale.length > 0) {
    // Stale: learn what the registry holds first, then re-queue the phone's copy above it.
    const pulled = await pullChanges(ctx);
    if (!pulled.ok) return pulled;
    await resolveStaleRecords(ctx.db, applied.stale);
  }
  return { ok: true as const, settled: applied.settled, parked: applied.parked };
}

/**
 * The progress total is recounted only every this many batches: IndexedDB counts by walking the
 * index, so a count per batch made a long queue quadratic (26,400 records: ~30 s of counting).
 */
const PROGRESS_RECOUNT_BATCHES = 20;

/**
 * One run: the pushes, then the pull. (A `device_revoked` answer ends it; the engine then deletes
 * what the registry holds, on the strict connection: sync-engine.ts.)
 */
export async function runSync(ctx: RunContext): Promise<RunResult> {
  let pushed = 0;
  let parked = 0;
  let total = 0;
  for (let batchNumber = 0; ; batchNumber++) {
    if (!(await ctx.renew())) return { ok: false, failure: LOST_LOCK, pushed };
    if (batchNumber % PROGRESS_RECOUNT_BATCHES === 0) {
      total = pushed + parked + (await countOutbox(ctx.db)).waiting;
    }
    ctx.onProgress({ done: pushed + parked, total: Math.max(total, pushed + parked) });
    const claims = await claimOutboxBatch(ctx.db, { now: ctx.now(), leaseMs: ctx.leaseMs, ...ctx.limits });
    if (claims.length === 0) break;
    // What waits, this batch included: known from the last recount without counting again.
    const batch = await pushBatch(ctx, claims, Math.max(claims.length, total - pushed - parked));
    if (!batch.ok) return { ...batch, pushed };
    pushed += batch.settled;
    parked += batch.parked;
  }
  const pulled = await pullChanges(ctx);
  if (!pulled.ok) return { ok: false, failure: pulled.failure, pushed };
  // After the records and their answers: a photo goes up only once its record is at the registry.
  const photos = await uploadPhotos(ctx);
  if (!photos.ok) return { ok: false, failure: photos.failure, pushed };
  return { ok: true, pushed, parked, pulled: pulled.pulled };
}
