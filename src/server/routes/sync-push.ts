/**
 * POST /api/v1/sync/push: a phone sends a batch of records and gets one answer per record, in order.
 * Checks run from the cheapest to the dearest: token (in `onRequest`, before the body is even read),
 * the phone's pushes per minute (keyed by that device, after the token, so no one spends another's),
 * protocol version, shape, batch size, then the records in one transaction (see services/ingest.ts for
 * what each answer means).
 */
import type { FastifyInstance } from 'fastify';
import { authenticateDeviceFirst } from '../auth';
import { wibDate } from '../clock';
import { ProblemError, badRequest } from '../problems';
import { noteContact } from './device-contact';
import { readDeviceReport } from '../services/device-health';
import { ingestBatch } from '../services/ingest';
import {
  ClockOffsetSchema,
  MAX_PUSH_BYTES,
  MAX_RECORDS_PER_PUSH,
  PROTOCOL_VERSION,
  PushRequestSchema,
  type PushResponse,
} from '../../shared/sync-protocol';

export function protocolUnsupported(): ProblemError {
  return new ProblemError(
    426,
    'protocol_unsupported',
    'Versi aplikasi di HP ini tidak cocok dengan server. Muat ulang aplikasi untuk memperbarui.',
  );
}

function fieldOf(body: unknown, field: 'protocolVersion' | 'device' | 'clockOffsetS'): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
}

function readClockOffset(value: unknown): number | null {
  const parsed = ClockOffsetSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function registerPushRoute(app: FastifyInstance): void {
  const { store, config } = app.registry;
  // Per device, not per IP (many phones share a carrier's address): one phone past the limit gets 429
  // with Retry-After, which its queue honours, and keeps its records pending; every other phone goes on.
  const perDevice = app.rateLimit({
    max: config.pushRateLimit,
    timeWindow: 60_000,
    keyGenerator: (request) => `push-device:${request.device.id}`,
    // A bucket the database cannot count lets the push through: a limit must never answer 500, which
    // the phone would read as a poisoned batch.
    skipOnError: true,
  });
  const options = { bodyLimit: MAX_PUSH_BYTES, onRequest: [authenticateDeviceFirst(store), perDevice] };
  app.post('/api/v1/sync/push', options, async (request): Promise<PushResponse> => {
    const { device } = request;
    const version = fieldOf(request.body, 'protocolVersion');
    if (typeof version === 'number' && version !== PROTOCOL_VERSION) throw protocolUnsupported();
    const parsed = PushRequestSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest('Isi permintaan harus {"protocolVersion": 1, "records": […]}.');
    if (parsed.data.records.length > MAX_RECORDS_PER_PUSH) {
      throw new ProblemError(
        413,
        'too_many_records',
        `Terlalu banyak data dalam satu kiriman: paling banyak ${MAX_RECORDS_PER_PUSH}. Kirim dalam beberapa bagian.`,
      );
    }
    const now = config.now();
    const ingestStartedNs = process.hrtime.bigint();
    const results = await ingestBatch(store, parsed.data.records, {
      deviceId: device.id,
      deviceKelurahanKode: device.kelurahan_kode,
      probesPerHour: config.probesPerHour,
      now: now.toISOString(),
      // Advisory like the health report: one that cannot be read is left out, never a refused push.
      clockOffsetS: readClockOffset(fieldOf(request.body, 'clockOffsetS')),
      validation: { today: wibDate(now), serviceAreaKode: config.serviceAreaKode },
      // The code only: a database's message can quote the refused value, personal data.
      onUnstorable: (index, error) =>
        request.log.warn(
          { index, code: (error as { code?: unknown }).code },
          'push: record refused by the database',
        ),
    });
    app.registry.metrics.notePush(results, ingestStartedNs);
    // After the records are stored: the health report is advisory and never costs the push its answer.
    await noteContact(app, request, device.id, 'push', readDeviceReport(fieldOf(request.body, 'device')));
    return { protocolVersion: PROTOCOL_VERSION, results };
  });
}
