/** POST /api/v1/enroll: a phone trades a one-time code for its device id and bearer token. */
import type { FastifyInstance } from 'fastify';
import { ProblemError, badRequest } from '../problems';
import { enrollDevice } from '../services/devices';
import { EnrollRequestSchema, type EnrollResponse } from '../../shared/sync-protocol';

export function registerEnrollRoute(app: FastifyInstance): void {
  const { store, config, nowIso } = app.registry;
  app.post(
    '/api/v1/enroll',
    { config: { rateLimit: { max: config.enrollRateLimit, timeWindow: '1 minute' } } },
    async (request, reply): Promise<EnrollResponse> => {
      const parsed = EnrollRequestSchema.safeParse(request.body);
      if (!parsed.success) throw badRequest('Kirim kode pendaftaran dalam bentuk {"code": "…"}.');
      const enrolled = await enrollDevice(store.db, nowIso(), parsed.data.code);
      if (!enrolled) {
        throw new ProblemError(
          400,
          'enroll_code_invalid',
          'Kode pendaftaran salah, sudah dipakai, kedaluwarsa, atau sudah dicabut. Minta kode baru ke koordinator.',
        );
      }
      reply.code(201);
      return enrolled;
    },
  );
}
