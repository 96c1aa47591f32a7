/**
 * GET /api/v1/sync/pull?cursor=…&device=…: status changes to the calling device's own records, paged.
 * `device` is the phone's health report as JSON (optional; see services/device-health.ts). The last page
 * carries the phone's kelurahan figures (`kelurahan`, see src/shared/sync-protocol.ts).
 */
import type { FastifyInstance } from 'fastify';
import { authenticateDeviceFirst } from '../auth';
import { badRequest } from '../problems';
import { noteContact } from './device-contact';
import { readDeviceParam } from '../services/device-health';
import { decodeCursor, readChanges } from '../services/changes';
import { readKelurahanProgress } from '../services/coverage-data';
import { readPhoneSettings } from '../services/settings';
import { REFERENCE_VERSION } from '../../shared/reference';
import { PROTOCOL_VERSION, type PullResponse } from '../../shared/sync-protocol';

export function registerPullRoute(app: FastifyInstance): void {
  const { store } = app.registry;
  const options = { onRequest: authenticateDeviceFirst(store) };
  app.get('/api/v1/sync/pull', options, async (request): Promise<PullResponse> => {
    const { device } = request;
    const { cursor, device: report } = request.query as { cursor?: unknown; device?: unknown };
    const afterSeq = decodeCursor(typeof cursor === 'string' ? cursor : undefined);
    if (afterSeq === undefined || (cursor !== undefined && typeof cursor !== 'string')) {
      throw badRequest('Cursor tidak dikenal. Mulai lagi tanpa cursor.');
    }
    const page = await readChanges(store.db, device.id, afterSeq);
    const settings = await readPhoneSettings(store.db);
    // Once per catch-up, on its last page; a phone enrolled without a kelurahan gets none.
    const kelurahan =
      !page.hasMore && device.kelurahan_kode
        ? await readKelurahanProgress(store.db, device.kelurahan_kode, app.registry.nowIso())
        : undefined;
    await noteContact(app, request, device.id, 'pull', readDeviceParam(report));
    return {
      protocolVersion: PROTOCOL_VERSION,
      ...page,
      referenceVersion: REFERENCE_VERSION,
      ...settings,
      ...(kelurahan && { kelurahan }),
    };
  });
}
