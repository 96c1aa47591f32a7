/**
 * Admin: the registry's settings — how long phones keep full records (src/shared/retention.ts) and
 * whether the office requires a KTP photo with every registration (src/shared/photo.ts). A PUT sets
 * the fields it carries and leaves the others; each change is audited.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { badRequest } from '../problems';
import {
  readRequiresKtpPhoto,
  readRetentionDays,
  writeRequiresKtpPhoto,
  writeRetentionDays,
} from '../services/settings';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../shared/retention';

const SettingsSchema = z.object({
  phoneRetentionDays: z.optional(z.int().check(z.gte(MIN_RETENTION_DAYS), z.lte(MAX_RETENTION_DAYS))),
  requireKtpPhoto: z.optional(z.boolean()),
});

export function registerAdminSettingsRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;
  const readSettings = async () => ({
    phoneRetentionDays: await readRetentionDays(store.db),
    requireKtpPhoto: await readRequiresKtpPhoto(store.db),
  });

  admin.get('/settings', readSettings);

  admin.put('/settings', async (request) => {
    const parsed = SettingsSchema.safeParse(request.body);
    const isEmpty = parsed.success && Object.values(parsed.data).every((v) => v === undefined);
    if (!parsed.success || isEmpty)
      throw badRequest(
        `Isi {"phoneRetentionDays": ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}} (hari data lengkap disimpan di HP) dan/atau {"requireKtpPhoto": true | false}.`,
      );
    const { phoneRetentionDays, requireKtpPhoto } = parsed.data;
    const actor = request.principal.actor;
    if (phoneRetentionDays !== undefined)
      await writeRetentionDays(store.db, nowIso(), actor, phoneRetentionDays);
    if (requireKtpPhoto !== undefined)
      await writeRequiresKtpPhoto(store.db, nowIso(), actor, requireKtpPhoto);
    return readSettings();
  });
}
