/**
 * Admin: list and search registrations, read one, set its status (audited, pulled by the phone).
 * Every read of personal data is audited with who read, which filter and how many rows; an operator
 * sees only their kelurahan (another kelurahan's record is "not found").
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { isInScope, listScope } from '../principal';
import { ProblemError, badRequest, notFound } from '../problems';
import { queryInt } from '../query-params';
import { listAudit, writeAudit } from '../services/audit';
import {
  getRegistration,
  listVersions,
  searchRegistrations,
  wibDayStartUtc,
} from '../services/registrations';
import { SETTABLE_STATUSES, setRegistrationStatus, setStatuses } from '../services/status';
import { OCCUPATION_CODES } from '../../shared/occupations';
import { SERVER_STATUSES } from '../../shared/sync-protocol';

const WIB_DAY = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const ListQuerySchema = z.object({
  q: z.optional(z.string().check(z.maxLength(100))),
  kelurahan: z.optional(z.string().check(z.maxLength(20))),
  status: z.optional(z.enum(SERVER_STATUSES)),
  occupation: z.optional(z.enum(OCCUPATION_CODES)),
  device: z.optional(z.string().check(z.maxLength(64))),
  receivedFrom: z.optional(WIB_DAY),
  receivedTo: z.optional(WIB_DAY),
  sort: z.optional(z.enum(['newest', 'oldest'])),
  kelurahanMismatch: z.optional(z.enum(['true', 'false'])),
  limit: z.optional(queryInt(1, 500)),
  offset: z.optional(queryInt(0, 10_000_000)),
});

const StatusBodySchema = z.object({
  status: z.enum(SETTABLE_STATUSES),
  reason: z.optional(z.string().check(z.maxLength(500))),
});

const BulkStatusSchema = z.object({
  ids: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(500)),
  status: z.enum(SETTABLE_STATUSES),
  reason: z.optional(z.string().check(z.maxLength(500))),
});

const reasonRequired = () =>
  new ProblemError(
    422,
    'validation_failed',
    'Alasan penolakan wajib diisi agar relawan bisa memperbaiki data.',
  );

const AuditQuerySchema = z.object({
  limit: z.optional(queryInt(1, 1000)),
  before: z.optional(queryInt(1, 2 ** 31 - 1)),
  actor: z.optional(z.string().check(z.maxLength(100), z.regex(/^[\w:.@-]*$/))),
  action: z.optional(z.string().check(z.maxLength(64), z.regex(/^[a-z_.]*$/))),
  from: z.optional(WIB_DAY),
  to: z.optional(WIB_DAY),
});

export function registerAdminRegistrationRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/registrations', async (request) => {
    const parsed = ListQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest('Parameter pencarian tidak valid.');
    const { kelurahan, device, kelurahanMismatch, limit = 50, offset = 0, ...filters } = parsed.data;
    const scope = listScope(request.principal, kelurahan);
    const query = {
      ...filters,
      deviceId: device,
      kelurahan: scope,
      kelurahanMismatch: kelurahanMismatch === 'true',
      limit,
      offset,
    };
    const found = await searchRegistrations(store.db, query);
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'registration.search',
      target: 'registrations',
      detail: {
        q: null,
        ...filters,
        kelurahan: kelurahan ?? null,
        device,
        kelurahanMismatch,
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

  admin.get('/registrations/:id/versions', async (request) => {
    const { id } = request.params as { id: string };
    const found = await getRegistration(store.db, id);
    if (!found || !isInScope(request.principal, found.kelurahanKode)) throw notFound('Data pendaftaran');
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'registration.read_versions',
      target: id,
    });
    return { items: await listVersions(store.db, id) };
  });

  admin.post('/registrations/status', async (request) => {
    const parsed = BulkStatusSchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(
        'Isi {"ids": [...] (1–500), "status": "verified" | "active" | "rejected", "reason": "…"}.',
      );
    const { ids, ...change } = parsed.data;
    const outcomes = await setStatuses(store, nowIso(), request.principal.actor, ids, change);
    if ([...outcomes.values()].includes('reason_required')) throw reasonRequired();
    return { items: [...outcomes].map(([id, outcome]) => ({ id, outcome })) };
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
    if (outcome === 'reason_required') throw reasonRequired();
    return { id, status: parsed.data.status };
  });

  admin.get('/audit', async (request) => {
    const parsed = AuditQuerySchema.safeParse(request.query);
    if (!parsed.success)
      throw badRequest('Saringan log audit tidak valid (limit 1–1000, tanggal YYYY-MM-DD).');
    const { limit = 100, from, to, ...rest } = parsed.data;
    const query = {
      ...rest,
      limit,
      from: from ? wibDayStartUtc(from, 0) : undefined,
      to: to ? wibDayStartUtc(to, 1) : undefined,
    };
    return { items: await listAudit(store.db, query) };
  });
}
