/** Admin: list and search registrations, read one, set its status (audited, pulled by the phone). */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ProblemError, badRequest, notFound } from '../problems';
import { listAudit } from '../services/audit';
import { getRegistration, searchRegistrations } from '../services/registrations';
import { SETTABLE_STATUSES, setRegistrationStatus } from '../services/status';
import { SERVER_STATUSES } from '../../shared/sync-protocol';

const ListQuerySchema = z.object({
  q: z.optional(z.string().check(z.maxLength(100))),
  kelurahan: z.optional(z.string()),
  status: z.optional(z.enum(SERVER_STATUSES)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
  offset: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
});

const StatusBodySchema = z.object({
  status: z.enum(SETTABLE_STATUSES),
  reason: z.optional(z.string().check(z.maxLength(500))),
});

export function registerAdminRegistrationRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/registrations', async (request) => {
    const parsed = ListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest('Parameter pencarian tidak valid.');
    const { q, kelurahan, status, limit = 50, offset = 0 } = parsed.data;
    return searchRegistrations(store.db, { q, kelurahanKode: kelurahan, status, limit, offset });
  });

  admin.get('/registrations/:id', async (request) => {
    const { id } = request.params as { id: string };
    const found = await getRegistration(store.db, id);
    if (!found) throw notFound('Data pendaftaran');
    return found;
  });

  admin.post('/registrations/:id/status', async (request) => {
    const { id } = request.params as { id: string };
    const parsed = StatusBodySchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest('Isi {"status": "verified" | "active" | "rejected", "reason": "…"}.');
    const outcome = await setRegistrationStatus(store, nowIso(), request.adminActor, { id, ...parsed.data });
    if (outcome === 'not_found') throw notFound('Data pendaftaran');
    if (outcome === 'reason_required') {
      throw new ProblemError(
        422,
        'validation_failed',
        'Alasan penolakan wajib diisi agar relawan bisa memperbaiki data.',
      );
    }
    return { id, status: parsed.data.status };
  });

  admin.get('/audit', async (request) => {
    const limit = Math.min(Number((request.query as { limit?: string }).limit) || 100, 1000);
    return { items: await listAudit(store.db, limit) };
  });
}
