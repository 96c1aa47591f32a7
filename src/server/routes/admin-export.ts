/**
 * Admin: the export of registrations for BPJS, as CSV and as XLSX, with the same filters — kelurahan,
 * status (one or several, comma-separated; by default all but rejected) and the registration date as WIB
 * days. An operator exports their kelurahan only (listScope). Every export is the largest read of personal
 * data there is: who, which filter and how many rows go to the audit log before the first byte.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { wibDate } from '../clock';
import { listScope } from '../principal';
import { badRequest } from '../problems';
import { writeAudit } from '../services/audit';
import { countExportRows, DEFAULT_EXPORT_STATUSES, exportCsv, type ExportFilter } from '../services/export';
import { exportXlsx, XLSX_TYPE } from '../services/export-xlsx';
import { findKelurahan } from '../../shared/reference';
import { SERVER_STATUSES, type ServerStatus } from '../../shared/sync-protocol';

/** A real calendar day: 2026-02-30 matches the pattern but is no day. */
const isRealDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
};
const DAY = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isRealDay));
const isStatusList = (list: string) =>
  list.split(',').every((s) => (SERVER_STATUSES as readonly string[]).includes(s));

const ExportQuerySchema = z.object({
  kelurahan: z.optional(
    z.string().check(
      z.maxLength(20),
      z.refine((k) => !!findKelurahan(k)),
    ),
  ),
  status: z.optional(z.string().check(z.maxLength(60), z.refine(isStatusList))),
  from: z.optional(DAY),
  to: z.optional(DAY),
});

/** What a person reads when one filter is wrong, by the filter. */
const PROBLEMS: Record<keyof z.infer<typeof ExportQuerySchema> | 'range', string> = {
  kelurahan: 'Kode kelurahan tidak dikenal.',
  status:
    'Status harus received, verified, active atau rejected (boleh beberapa, dipisah koma, misalnya verified,active).',
  from: 'Tanggal "from" harus tanggal yang ada, ditulis YYYY-MM-DD.',
  to: 'Tanggal "to" harus tanggal yang ada, ditulis YYYY-MM-DD.',
  range: 'Tanggal "from" tidak boleh sesudah tanggal "to".',
};

interface Export {
  filter: ExportFilter;
  /** For the file name: the kelurahan code, or "semua". */
  label: string;
}

function parseExportQuery(request: FastifyRequest): Export {
  const parsed = ExportQuerySchema.safeParse(request.query);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0] as keyof typeof PROBLEMS | undefined;
    throw badRequest((field && PROBLEMS[field]) || 'Saringan ekspor tidak valid.');
  }
  const { kelurahan, status, from, to } = parsed.data;
  if (from && to && from > to) throw badRequest(PROBLEMS.range);
  const statuses = status ? ([...new Set(status.split(','))] as ServerStatus[]) : DEFAULT_EXPORT_STATUSES;
  const scope = listScope(request.principal, kelurahan);
  const label = kelurahan ?? (scope?.length === 1 ? scope[0]! : 'semua');
  return { filter: { kelurahan: scope, statuses, from, to }, label };
}

export function registerAdminExportRoutes(admin: FastifyInstance): void {
  const { store, nowIso, config } = admin.registry;

  /** Checks the filters, audits, and sets the download headers; the caller sends the body. */
  async function startExport(request: FastifyRequest, reply: FastifyReply, format: 'csv' | 'xlsx') {
    const { filter, label } = parseExportQuery(request);
    const rows = await countExportRows(store.db, filter);
    await writeAudit(store.db, nowIso(), {
      actor: request.principal.actor,
      action: `export.${format}`,
      target: label,
      detail: { ...filter, from: filter.from ?? null, to: filter.to ?? null, rows },
    });
    const fileName = `jaring-peserta-${label}-${wibDate(config.now())}.${format}`;
    reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store');
    return filter;
  }

  admin.get('/export.csv', async (request, reply) => {
    const filter = await startExport(request, reply, 'csv');
    return reply.send(exportCsv(store.db, filter));
  });

  admin.get('/export.xlsx', async (request, reply) => {
    const filter = await startExport(request, reply, 'xlsx');
    return reply.send(exportXlsx(store.db, filter));
  });
}
