/**
 * PUT /api/v1/photos/:recordId/:sha256: a phone uploads the KTP photo its record names, as raw bytes.
 * Checks run from the cheapest to the dearest: the device token (before the body is read), the ids, the
 * size (over MAX_PHOTO_BYTES: 413, the body drained so the answer reaches the phone, see body-limit.ts),
 * the bytes' SHA-256 against the URL's, the type sniffed from the bytes (JPEG, PNG, WebP; else 415), and
 * only then the database. 201 stored, 200 already stored: a retry never stores a second copy.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authenticateDeviceFirst } from '../auth';
import { ProblemError, badRequest, notFound } from '../problems';
import { storePhoto } from '../services/photos';
import { MAX_PHOTO_BYTES, isPhotoHash, sniffPhotoType } from '../../shared/photo';
import { isRecordId } from '../../shared/registration';

export const unsupportedPhoto = () =>
  new ProblemError(
    415,
    'unsupported_media_type',
    'Berkas ini bukan foto JPEG, PNG atau WebP. Ambil ulang foto KTP dengan kamera.',
  );

function bodyBytes(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('Isi permintaan harus berupa foto.');
  return body;
}

export async function registerPhotoRoutes(app: FastifyInstance): Promise<void> {
  const { store, nowIso } = app.registry;
  // Encapsulated: only this route reads any content type as raw bytes; every other route keeps JSON.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const options = { bodyLimit: MAX_PHOTO_BYTES, onRequest: authenticateDeviceFirst(store) };
    scope.put('/api/v1/photos/:recordId/:sha256', options, async (request, reply) => {
      const { recordId, sha256 } = request.params as { recordId: string; sha256: string };
      if (!isRecordId(recordId) || !isPhotoHash(sha256))
        throw badRequest('Alamat foto harus /api/v1/photos/<id data>/<SHA-256 foto, 64 huruf hex>.');
      const data = bodyBytes(request.body);
      if (createHash('sha256').update(data).digest('hex') !== sha256) {
        throw new ProblemError(
          422,
          'validation_failed',
          'Isi foto tidak cocok dengan SHA-256 di alamat; foto rusak di jalan. Kirim ulang.',
        );
      }
      const type = sniffPhotoType(data);
      if (!type) throw unsupportedPhoto();
      const outcome = await storePhoto(store.db, {
        recordId,
        sha256,
        type,
        data,
        deviceId: request.device.id,
        receivedAt: nowIso(),
      });
      if (outcome === 'not_found') throw notFound('Data pendaftaran');
      if (outcome === 'not_named') {
        throw new ProblemError(
          409,
          'conflict',
          'Data ini di server tidak memakai foto ini (sudah diganti foto lain). Foto ini tidak disimpan.',
        );
      }
      return reply.code(outcome === 'stored' ? 201 : 200).send({ recordId, sha256, outcome });
    });
  });
}
