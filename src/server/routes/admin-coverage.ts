/** Admin: coverage per kelurahan / kecamatan / city, coverage targets, and the CSV export. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { listScope } from '../principal';
import { badRequest } from '../problems';
import { writeAudit } from '../services/audit';
import { readCoverage, setCoverageTarget } from '../services/coverage-data';
import { countExportRows, exportCsv } from '../services/export';
import { readOverview } from '../services/overview';
import { findKelurahan } from '../../shared/reference';

const TargetSchema = z.object({
  estimatedWorkers: z.int().check(z.gte(0), z.lte(10_000_000)),
  targetPercent: z.optional(z.int().check(z.gte(1), z.lte(100))),
});

const ExportQuerySchema = z.object({ kelurahan: z.optional(z.string().check(z.maxLength(20))) });

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

  admin.get('/export.csv', async (request, reply) => {
    const parsed = ExportQuerySchema.safeParse(request.query);
    const kelurahan = parsed.success ? parsed.data.kelurahan : undefined;
    if (!parsed.success || (kelurahan !== undefined && !findKelurahan(kelurahan)))
      throw badRequest('Kode kelurahan tidak dikenal.');
    const scope = listScope(request.principal, kelurahan);
    // The export is the largest read of personal data: who, which filter and how many rows, first.
    const rows = await countExportRows(store.db, scope);
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'export.csv',
      target: kelurahan ?? 'semua',
      detail: { kelurahan: scope, rows },
    });
    const day = nowIso().slice(0, 10);
    reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="jaring-peserta-${kelurahan ?? 'semua'}-${day}.csv"`,
      )
      .header('cache-control', 'no-store');
    return reply.send(Readable.from(exportCsv(store.db, scope)));
  });
}
