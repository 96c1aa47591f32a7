/** Admin: enrollment codes (create, list pending) and devices (list, revoke). */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { badRequest, notFound } from '../problems';
import { createEnrollmentCode, listDevices, revokeDevice } from '../services/devices';
import { findKelurahan } from '../../shared/reference';

const NewCodeSchema = z.object({
  name: z.optional(z.string().check(z.maxLength(100))),
  kelurahanKode: z.optional(z.string()),
});

export function registerAdminDeviceRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.post('/enrollment-codes', async (request, reply) => {
    const parsed = NewCodeSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw badRequest('Isi {"name": "…", "kelurahanKode": "…"} (keduanya boleh kosong).');
    const { kelurahanKode } = parsed.data;
    if (kelurahanKode && !findKelurahan(kelurahanKode)) throw badRequest('Kode kelurahan tidak dikenal.');
    const created = await createEnrollmentCode(store.db, nowIso(), request.adminActor, parsed.data);
    reply.code(201);
    return created;
  });

  admin.get('/enrollment-codes', async () => ({ items: await listDevices(store.db, 'pending') }));

  admin.get('/devices', async () => ({ items: await listDevices(store.db) }));

  admin.post('/devices/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    const exists = await revokeDevice(store.db, nowIso(), request.adminActor, id);
    if (!exists) throw notFound('Perangkat');
    return { id, revoked: true };
  });
}
