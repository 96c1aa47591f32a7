/** Admin: the registry's settings — how long phones keep full records (src/shared/retention.ts). */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { badRequest } from '../problems';
import { readRetentionDays, writeRetentionDays } from '../services/settings';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../shared/retention';

const SettingsSchema = z.object({
  phoneRetentionDays: z.int().check(z.gte(MIN_RETENTION_DAYS), z.lte(MAX_RETENTION_DAYS)),
});

export function registerAdminSettingsRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/settings', async () => ({ phoneRetentionDays: await readRetentionDays(store.db) }));

  admin.put('/settings', async (request) => {
    const parsed = SettingsSchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(
        `Isi {"phoneRetentionDays": ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}} (hari data lengkap disimpan di HP).`,
      );
    const days = parsed.data.phoneRetentionDays;
    await writeRetentionDays(store.db, nowIso(), request.principal.actor, days);
    return { phoneRetentionDays: days };
  });
}
