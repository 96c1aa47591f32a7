/** Admin: coverage per kelurahan / kecamatan / city, the overview, and coverage targets. */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { badRequest } from '../problems';
import { readCoverage, setCoverageTarget } from '../services/coverage-data';
import { readOverview } from '../services/overview';
import { findKelurahan } from '../../shared/reference';

const TargetSchema = z.object({
  estimatedWorkers: z.int().check(z.gte(0), z.lte(10_000_000)),
  targetPercent: z.optional(z.int().check(z.gte(1), z.lte(100))),
});

export function registerAdminCoverageRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/coverage', async (request) => readCoverage(store.db, request.principal.kelurahan));

  admin.get('/overview', async (request) =>
    readOverview(store.db, admin.registry.config.now(), request.principal.kelurahan),
  );

  admin.put('/coverage/targets/:kelurahanKode', async (request) => {
    const { kelurahanKode } = request.params as { kelurahanKode: string };
    if (!findKelurahan(kelurahanKode)) throw badRequest('Kode kelurahan tidak dikenal.');
    const parsed = TargetSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest('Isi {"estimatedWorkers": <angka>, "targetPercent": <1–100>}.');
    const target = {
      estimatedWorkers: parsed.data.estimatedWorkers,
      targetPercent: parsed.data.targetPercent ?? 40,
    };
    await setCoverageTarget(store.db, nowIso(), request.principal.actor, kelurahanKode, target);
    return { kelurahanKode, ...target };
  });
}
