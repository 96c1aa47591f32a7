/**
 * POST /api/v1/enroll: a phone trades a one-time code for its device id and bearer token. Every refusal
 * answers the same (the caller learns nothing about which codes exist) and is audited with its reason.
 */
import type { FastifyInstance } from 'fastify';
import { ProblemError, badRequest } from '../problems';
import { auditEnrollFailure, enrollDevice } from '../services/devices';
import { EnrollRequestSchema, type EnrollResponse } from '../../shared/sync-protocol';

export function registerEnrollRoute(app: FastifyInstance): void {
  const { store, config, nowIso } = app.registry;
  app.post(
    '/api/v1/enroll',
    { config: { rateLimit: { max: config.enrollRateLimit, timeWindow: '1 minute' } } },
    async (request, reply): Promise<EnrollResponse> => {
      const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
      const parsed = EnrollRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        await auditEnrollFailure(store.db, nowIso(), { reason: 'malformed', ...client });
        throw badRequest('Kirim kode pendaftaran dalam bentuk {"code": "…"}.');
      }
      const enrolled = await enrollDevice(store.db, nowIso(), parsed.data.code);
      if (!enrolled.ok) {
        // The reason and the device only: never the code, which may be a typo of a live one.
        request.log.warn({ reason: enrolled.reason, deviceId: enrolled.deviceId }, 'enroll: code refused');
        await auditEnrollFailure(store.db, nowIso(), { ...enrolled, ...client });
        throw new ProblemError(
          400,
          'enroll_code_invalid',
          'Kode pendaftaran salah, sudah dipakai, kedaluwarsa, atau sudah dicabut. Minta kode baru ke koordinator.',
        );
      }
      reply.code(201);
      return { deviceId: enrolled.deviceId, token: enrolled.token, kelurahanKode: enrolled.kelurahanKode };
    },
  );
}
