/**
 * Admin: list and search registrations, read one, set its status (audited, pulled by the phone).
 * Every read of personal data is audited with who read, which filter and how many rows; an operator
 * sees only their kelurahan (another kelurahan's record is "not found").
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { isInScope, listScope } from '../principal';
import { ProblemError, badRequest, notFound } from '../problems';
import { listAudit, writeAudit } from '../services/audit';
import { getRegistration, searchRegistrations } from '../services/registrations';
import { SETTABLE_STATUSES, setRegistrationStatus } from '../services/status';
import { SERVER_STATUSES } from '../../shared/sync-protocol';

const ListQuerySchema = z.object({
  q: z.optional(z.string().check(z.maxLength(100))),
  kelurahan: z.optional(z.string().check(z.maxLength(20))),
  status: z.optional(z.enum(SERVER_STATUSES)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
  offset: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(10_000_000))),
});

const StatusBodySchema = z.object({
  status: z.enum(SETTABLE_STATUSES),
  reason: z.optional(z.string().check(z.maxLength(500))),
});

const AuditQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000))),
});

export function registerAdminRegistrationRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/registrations', async (request) => {
    const parsed = ListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest('Parameter pencarian tidak valid.');
    const { q, kelurahan, status, limit = 50, offset = 0 } = parsed.data;
    const scope = listScope(request.principal, kelurahan);
    const found = await searchRegistrations(store.db, { q, kelurahan: scope, status, limit, offset });
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'registration.search',
      target: 'registrations',
      detail: {
        q: q ?? null,
        kelurahan: kelurahan ?? null,
        status: status ?? null,
        offset,
        rows: found.items.length,
      },
    });
    return found;
  });

  admin.get('/registrations/:id', async (request) => {
    const { id } = request.params as { id: string };
    const found = await getRegistration(store.db, id);
    if (!found || !isInScope(request.principal, found.kelurahanKode)) throw notFound('Data pendaftaran');
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'registration.read',
      target: id,
    });
    return found;
  });

  admin.post('/registrations/:id/status', async (request) => {
    const { id } = request.params as { id: string };
    const parsed = StatusBodySchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest('Isi {"status": "verified" | "active" | "rejected", "reason": "…"}.');
    const outcome = await setRegistrationStatus(store, nowIso(), request.principal.actor, {
      id,
      ...parsed.data,
    });
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
    const parsed = AuditQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest('limit harus 1–1000.');
    return { items: await listAudit(store.db, parsed.data.limit ?? 100) };
  });
}
