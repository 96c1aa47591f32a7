/**
 * Admin: enrollment codes (create with an expiry of 1–30 days, list the live ones) and devices (list
 * with their health, revoke). Operators work on the
 * phones of their own kelurahan only: a code for another kelurahan is refused, another kelurahan's
 * phones are not listed, and revoking one is answered as if it did not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { forbidden } from '../access-guard';
import { isInScope } from '../principal';
import { badRequest, notFound } from '../problems';
import { listDevices } from '../services/device-list';
import { createEnrollmentCode, MAX_CODE_DAYS, revokeDevice } from '../services/devices';
import { findKelurahan } from '../../shared/reference';

const NewCodeSchema = z.object({
  name: z.optional(z.string().check(z.maxLength(100))),
  kelurahanKode: z.optional(z.string().check(z.maxLength(20))),
  days: z.optional(z.int().check(z.gte(1), z.lte(MAX_CODE_DAYS))),
});

/** The kelurahan a new code is for: as asked, or an operator's only kelurahan. */
function kelurahanForCode(request: FastifyRequest, asked: string | undefined): string | undefined {
  const { kelurahan } = request.principal;
  if (asked && !findKelurahan(asked)) throw badRequest('Kode kelurahan tidak dikenal.');
  if (kelurahan === null) return asked || undefined;
  if (!asked) {
    if (kelurahan.length === 1) return kelurahan[0];
    throw badRequest('Pilih kelurahan untuk kode ini.');
  }
  if (!kelurahan.includes(asked)) throw forbidden('Anda hanya dapat membuat kode untuk kelurahan Anda.');
  return asked;
}

export function registerAdminDeviceRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;
  const inScope = (request: FastifyRequest) => (d: { kelurahanKode: string | null }) =>
    isInScope(request.principal, d.kelurahanKode);

  admin.post('/enrollment-codes', async (request, reply) => {
    const parsed = NewCodeSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      throw badRequest(
        `Isi {"name": "…", "kelurahanKode": "…", "days": 1–${MAX_CODE_DAYS}} (semuanya boleh kosong).`,
      );
    }
    const kelurahanKode = kelurahanForCode(request, parsed.data.kelurahanKode);
    const created = await createEnrollmentCode(store.db, nowIso(), request.principal.actor, {
      name: parsed.data.name,
      kelurahanKode,
      days: parsed.data.days,
    });
    reply.code(201).header('cache-control', 'no-store');
    return created;
  });

  admin.get('/enrollment-codes', async (request) => ({
    items: (await listDevices(store.db, { now: nowIso(), state: 'pending' })).filter(inScope(request)),
  }));

  admin.get('/devices', async (request) => ({
    items: (await listDevices(store.db, { now: nowIso() })).filter(inScope(request)),
  }));

  admin.post('/devices/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    const device = await store.db
      .selectFrom('devices')
      .select('kelurahan_kode')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!device || !isInScope(request.principal, device.kelurahan_kode)) throw notFound('Perangkat');
    await revokeDevice(store.db, nowIso(), request.principal.actor, id);
    return { id, revoked: true };
  });
}
