/**
 * What the sync routes do with a phone's call besides answering it: note the contact and the health
 * report it carried (services/device-health.ts). A report that fails the schema is logged at debug and
 * dropped; a write that fails is logged and dropped too — the phone's records matter, its health does not.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordContact, type ReportReading } from '../services/device-health';

export async function noteContact(
  app: FastifyInstance,
  request: FastifyRequest,
  deviceId: string,
  kind: 'push' | 'pull',
  reading: ReportReading,
): Promise<void> {
  if (reading.kind === 'invalid')
    request.log.debug({ issues: reading.issues }, 'sync: device report ignored');
  const report = reading.kind === 'valid' ? reading.report : undefined;
  try {
    await recordContact(app.registry.store.db, deviceId, app.registry.config.now(), { kind, report });
  } catch (error) {
    request.log.warn({ code: (error as { code?: unknown }).code }, 'sync: device contact not stored');
  }
}
