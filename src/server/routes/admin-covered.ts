/**
 * Admin: Peserta lama — import the people already covered at BPJS (a dry run first for the preview,
 * then the import, all or nothing), and what has been imported so far.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { badRequest } from '../problems';
import { coveredSummary, importCovered, MAX_IMPORT_ROWS } from '../services/covered-import';

/** 100,000 rows of NIK, name and kelurahan as JSON fit well inside this. */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

const cell = z.string().check(z.maxLength(200));
const ImportSchema = z.object({
  fileName: z.string().check(z.minLength(1), z.maxLength(200)),
  dryRun: z.optional(z.boolean()),
  rows: z
    .array(z.object({ nik: cell, fullName: cell, kelurahan: cell }))
    .check(z.minLength(1), z.maxLength(MAX_IMPORT_ROWS)),
});

export function registerAdminCoveredRoutes(admin: FastifyInstance): void {
  const { store, config } = admin.registry;

  admin.get('/covered', async () => coveredSummary(store.db));

  admin.post('/covered/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request) => {
    const parsed = ImportSchema.safeParse(request.body);
    if (!parsed.success) {
      throw badRequest(
        `Isi {"fileName", "rows": [{"nik", "fullName", "kelurahan"}] (1–${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris, teks)}.`,
      );
    }
    const { fileName, rows, dryRun = false } = parsed.data;
    return importCovered(store, config.now(), request.principal.actor, { fileName, rows, dryRun });
  });
}
