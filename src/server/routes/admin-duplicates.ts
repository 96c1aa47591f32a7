/**
 * Admin: Data ganda — the duplicate-NIK attempts kept at the registry, the two records side by side,
 * and their resolution (audited; the phones involved learn it through pull). Office roles only: an
 * attempt holds a second person's data.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { ProblemError, badRequest, notFound } from '../problems';
import { isDigits, queryInt } from '../query-params';
import { writeAudit } from '../services/audit';
import { getDuplicate, listDuplicates, resolveDuplicate } from '../services/duplicates';

const ListSchema = z.object({
  state: z.optional(z.enum(['open', 'resolved'])),
  limit: z.optional(queryInt(1, 200)),
  offset: z.optional(queryInt(0, 10_000_000)),
});

const ResolveSchema = z.object({
  resolution: z.enum(['same_person', 'void_holder', 'mistyped']),
  note: z.optional(z.string().check(z.maxLength(300))),
});

const OUTCOME_PROBLEMS = {
  already_resolved: [409, 'conflict', 'Data ganda ini sudah diselesaikan.'],
  superseded: [
    409,
    'conflict',
    'HP relawan sudah mengirim versi yang lebih baru dari data ini. Selesaikan versi terbaru.',
  ],
  not_voidable: [
    422,
    'validation_failed',
    'Data yang terdaftar tidak bisa dibatalkan di sini (peserta lama dari BPJS, atau sudah dibatalkan).',
  ],
  already_covered: [
    409,
    'conflict',
    'NIK ini milik peserta lama yang sudah terdaftar di BPJS; data baru tidak bisa menggantikan. Pilih "orang yang sama" atau "NIK salah ketik".',
  ],
  conflict: [409, 'conflict', 'NIK ini baru saja dipakai data lain. Muat ulang lalu periksa lagi.'],
} as const;

function attemptId(params: unknown): number {
  const text = (params as { id: string }).id;
  const id = Number(text);
  if (!isDigits(text) || id < 1 || id > 2 ** 31 - 1) throw notFound('Data ganda');
  return id;
}

export function registerAdminDuplicateRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/duplicates', async (request) => {
    const parsed = ListSchema.safeParse(request.query);
    if (!parsed.success) throw badRequest('Parameter tidak valid (state open|resolved, limit 1–200).');
    const { state = 'open', limit = 50, offset = 0 } = parsed.data;
    return listDuplicates(store.db, { open: state === 'open', limit, offset });
  });

  admin.get('/duplicates/:id', async (request) => {
    const id = attemptId(request.params);
    const found = await getDuplicate(store.db, id);
    if (!found) throw notFound('Data ganda');
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: 'duplicate.read',
      target: String(id),
    });
    return found;
  });

  admin.post('/duplicates/:id/resolve', async (request) => {
    const id = attemptId(request.params);
    const parsed = ResolveSchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest('Isi {"resolution": "same_person" | "void_holder" | "mistyped", "note": "…"}.');
    const outcome = await resolveDuplicate(store, nowIso(), request.principal.actor, { id, ...parsed.data });
    if (outcome === 'not_found') throw notFound('Data ganda');
    if (outcome !== 'resolved') {
      const [status, code, detail] = OUTCOME_PROBLEMS[outcome];
      throw new ProblemError(status, code, detail);
    }
    return { id, resolution: parsed.data.resolution };
  });
}
