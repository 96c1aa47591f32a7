/** GET /api/v1/sync/pull?cursor=…: status changes to the calling device's own records, paged. */
import type { FastifyInstance } from 'fastify';
import { authenticateDevice } from '../auth';
import { badRequest } from '../problems';
import { decodeCursor, readChanges } from '../services/changes';
import { REFERENCE_VERSION } from '../../shared/reference';
import { PROTOCOL_VERSION, type PullResponse } from '../../shared/sync-protocol';

export function registerPullRoute(app: FastifyInstance): void {
  const { store } = app.registry;
  app.get('/api/v1/sync/pull', async (request): Promise<PullResponse> => {
    const device = await authenticateDevice(store, request);
    const { cursor } = request.query as { cursor?: unknown };
    const afterSeq = decodeCursor(typeof cursor === 'string' ? cursor : undefined);
    if (afterSeq === undefined || (cursor !== undefined && typeof cursor !== 'string')) {
      throw badRequest('Cursor tidak dikenal. Mulai lagi tanpa cursor.');
    }
    const page = await readChanges(store.db, device.id, afterSeq);
    return { protocolVersion: PROTOCOL_VERSION, ...page, referenceVersion: REFERENCE_VERSION };
  });
}
