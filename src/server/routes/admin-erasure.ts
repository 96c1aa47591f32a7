/**
 * Admin: erase a person's data on their request (UU PDP 27/2022), see services/erasure.ts. The city
 * admin only (src/shared/access.ts); the officer types the person's NIK or full name to confirm, and
 * gives the reason the audit keeps.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ProblemError, badRequest, notFound } from '../problems';
import { eraseRegistration } from '../services/erasure';
import { MAX_ERASURE_REASON_LENGTH } from '../../shared/erasure';
import { isRecordId } from '../../shared/registration';

const EraseBodySchema = z.object({
  confirmation: z.string().check(z.maxLength(200)),
  reason: z.string().check(z.maxLength(MAX_ERASURE_REASON_LENGTH)),
});

export function registerAdminErasureRoutes(admin: FastifyInstance): void {
  const { store, nowIso, config } = admin.registry;

  admin.post('/registrations/:id/erase', async (request) => {
    const { id } = request.params as { id: string };
    if (!isRecordId(id)) throw notFound('Data pendaftaran');
    const parsed = EraseBodySchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(
        `Isi {"confirmation": NIK atau nama lengkap, "reason": alasan (paling banyak ${MAX_ERASURE_REASON_LENGTH} karakter)}.`,
      );
    if (!parsed.data.reason.trim())
      throw new ProblemError(422, 'validation_failed', 'Alasan penghapusan wajib diisi (untuk log audit).');
    const outcome = await eraseRegistration(
      store,
      nowIso(),
      request.principal.actor,
      { id, ...parsed.data },
      config.nikHashSecret,
    );
    if (outcome === 'not_found') throw notFound('Data pendaftaran');
    if (outcome === 'not_confirmed')
      throw new ProblemError(
        422,
        'validation_failed',
        'Ketik NIK atau nama lengkap orang ini persis seperti di data untuk memastikan penghapusan.',
      );
    if (outcome === 'conflict')
      throw new ProblemError(409, 'conflict', 'Data ini baru saja berubah. Muat ulang lalu coba lagi.');
    return { id, erased: true };
  });
}
