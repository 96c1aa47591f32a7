/**
 * The KTP photos' part of a sync run, after the records: each waiting photo whose record the registry
 * acknowledged is PUT, a few at a time, keyed by its SHA-256 so a retry (a lost answer, a restart, a
 * second tab) never stores a second copy. A photo never holds a record back: records are pushed first,
 * and a photo that fails for a passing reason ends the run as failed, so the engine's own backoff
 * brings the next try. Bytes refused for good (413, 415, …) are parked for the record's detail to show.
 */
import {
  acknowledgePhoto,
  listUploadablePhotos,
  notePhotoAttempt,
  rejectPhoto,
  type UploadablePhoto,
} from '../db';
import type { PhotoRejection } from '../db';
import type { CallFailure } from './registry-client';
import type { RunContext } from './sync-run';

/** Photos read per page and sent at once: a cheap phone's uplink carries two 250 KB bodies well. */
const PHOTOS_PER_PAGE = 8;
const PARALLEL_UPLOADS = 2;

/** The registry's refusals that another try of the same bytes cannot change. */
function rejectionOf(failure: CallFailure): PhotoRejection | undefined {
  if (failure.isTransient || failure.code === 'unauthorized' || failure.code === 'device_revoked')
    return undefined;
  if (failure.status === 413) return 'too_large';
  if (failure.status === 422) return 'damaged';
  if (failure.status === 404 || failure.status === 409) return 'not_named';
  return 'unsupported';
}

/** Uploads one photo and records what became of it; a failure to hand up is returned. */
async function uploadOne(ctx: RunContext, photo: UploadablePhoto): Promise<CallFailure | undefined> {
  const { recordId, sha256 } = photo;
  const answer = await ctx.client.putPhoto(ctx.token, recordId, sha256, photo.blob);
  if (answer.ok) {
    await acknowledgePhoto(ctx.db, recordId, sha256);
    return undefined;
  }
  const rejection = rejectionOf(answer.failure);
  if (rejection) {
    await rejectPhoto(ctx.db, recordId, sha256, rejection);
    return undefined;
  }
  await notePhotoAttempt(ctx.db, recordId, sha256);
  return answer.failure;
}

export type PhotoRunResult = { ok: true; uploaded: number } | { ok: false; failure: CallFailure };

export async function uploadPhotos(ctx: RunContext): Promise<PhotoRunResult> {
  const tried = new Set<string>();
  let uploaded = 0;
  for (;;) {
    if (!(await ctx.renew())) return { ok: false, failure: { code: 'busy', isTransient: false } };
    const page = (await listUploadablePhotos(ctx.db, PHOTOS_PER_PAGE + tried.size)).filter(
      (photo) => !tried.has(`${photo.recordId}/${photo.sha256}`),
    );
    if (page.length === 0) return { ok: true, uploaded };
    for (let at = 0; at < page.length; at += PARALLEL_UPLOADS) {
      const group = page.slice(at, at + PARALLEL_UPLOADS);
      group.forEach((photo) => tried.add(`${photo.recordId}/${photo.sha256}`));
      const failures = (await Promise.all(group.map((photo) => uploadOne(ctx, photo)))).filter(
        (failure): failure is CallFailure => failure !== undefined,
      );
      if (failures.length > 0) return { ok: false, failure: failures[0]! };
      uploaded += group.length;
    }
  }
}
