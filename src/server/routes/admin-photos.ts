/**
 * Admin: the KTP photo of a record, for the officers who may read that record (an operator: their
 * kelurahan only; another's is "not found"), each read audited like a read of the record. The photo
 * served is the one the record's current version names (`?sha256=` reads an earlier version's, when
 * it was uploaded), with the type sniffed at upload, never cached and never sniffed again by the browser.
 */
import type { FastifyInstance } from 'fastify';
import { isInScope } from '../principal';
import { ProblemError, notFound } from '../problems';
import { writeAudit } from '../services/audit';
import { readPhoto } from '../services/photos';
import { getRegistration } from '../services/registrations';
import { isPhotoHash } from '../../shared/photo';

const noPhoto = () => new ProblemError(404, 'not_found', 'Foto KTP untuk data ini belum ada di server.');

export function registerAdminPhotoRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/registrations/:id/photo', async (request, reply) => {
    const { id } = request.params as { id: string };
    const asked = (request.query as { sha256?: unknown }).sha256;
    const found = await getRegistration(store.db, id);
    if (!found || !isInScope(request.principal, found.kelurahanKode)) throw notFound('Data pendaftaran');
    const named = (found.record as { ktpPhoto?: { sha256?: unknown } }).ktpPhoto?.sha256;
    const sha256 = asked ?? named;
    if (!isPhotoHash(sha256)) throw noPhoto();
    const photo = await readPhoto(store.db, id, sha256);
    if (!photo) throw noPhoto();
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'registration.read_photo',
      target: id,
      detail: { sha256 },
    });
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .type(photo.type)
      .send(photo.data);
  });
}
