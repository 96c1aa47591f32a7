/**
 * The export for BPJS on each engine, read back as the city would: the XLSX opened with exceljs (NIK and
 * phone cells are text cells of a text column, the header bold and frozen, one row per person), and the
 * CSV split per RFC 4180. The same filters give the same people in both files: status, the registration
 * date as WIB days (01:00 WIB on the 21st is the 21st, 00:00 WIB on the 22nd is not), kelurahan. An
 * operator's file holds their kelurahan only, voided records are never in it, and every export is audited
 * with its filters and row count.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../src/server/services/export';
import type { ServerStatus } from '../../src/shared/sync-protocol';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN = '3573011005';
const OTHER = '3573041001';
type Column = (typeof EXPORT_COLUMNS)[number];

async function openXlsx(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(res.statusCode, res.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  // exceljs declares a Buffer type of its own; Node's Buffer is what it reads at run time.
  await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

/** The data rows (after the header), each a lookup of its cell by column name. */
function dataRows(sheet: ExcelJS.Worksheet): ((name: Column) => ExcelJS.Cell)[] {
  const rows: ((name: Column) => ExcelJS.Cell)[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((name) => row.getCell(EXPORT_COLUMNS.indexOf(name) + 1));
  });
  return rows;
}

/** RFC 4180 cells per line: quoted fields may hold commas, doubled quotes and line breaks. */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\r')) cell += c;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      rows.push([...row, cell]);
      [row, cell] = [[], ''];
      i++; // the \n after \r
    }
  }
  return rows;
}

const PHONE_CLOCK = '2026-11-01T03:00:00.000Z';

describe.each(registryEngines())('the export for BPJS on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    // Received by the registry at `receivedAt`: the official registration date. Every phone claims to
    // have registered its person on 1 November (its clock), which no date in the export may show.
    const at = (receivedAt: string, status: ServerStatus, n: number, kelurahanKode = OWN) => ({
      status,
      receivedAt,
      record: makeRegistration({
        ...uniquePerson(n),
        fullName: `Warga ${n}`,
        createdAt: PHONE_CLOCK,
        address: { street: 'Jl. Ijen', rt: '004', rw: '001', kelurahanKode },
      }),
    });
    const people = {
      early21: at('2026-11-20T18:00:00.000Z', 'received', 501), // 21 Nov 01:00 WIB
      late21: at('2026-11-21T16:59:00.000Z', 'active', 502), // 21 Nov 23:59 WIB
      start22: at('2026-11-21T17:00:00.000Z', 'verified', 503), // 22 Nov 00:00 WIB
      other: at('2026-11-22T08:00:00.000Z', 'verified', 504, OTHER),
      rejected: at('2026-11-23T08:00:00.000Z', 'rejected', 505),
      voided: at('2026-11-23T08:00:00.000Z', 'received', 506),
    };
    const nik = (key: keyof typeof people) => people[key].record.nik;
    const niksOf = (...keys: (keyof typeof people)[]) => keys.map(nik).sort();

    const both = async (officer: Officer, query: string) => {
      const csv = await officer.call('GET', `/admin/export.csv${query}`);
      expect(csv.statusCode, csv.body).toBe(200);
      const csvNiks = csvCells(csv.rawPayload.toString('utf8').replace(/^\uFEFF/, ''))
        .slice(1)
        .map((cells) => cells[0]!);
      const xlsx = dataRows(await openXlsx(await officer.call('GET', `/admin/export.xlsx${query}`)));
      const xlsxNiks = xlsx.map((cell) => String(cell('NIK').value));
      expect(csvNiks).toEqual(xlsxNiks); // the same rows in the same order
      return xlsxNiks.sort();
    };

    beforeAll(async () => {
      let clock = new Date(NOW);
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => clock });
      const phone = await h.enroll();
      for (const { record, receivedAt } of Object.values(people)) {
        clock = new Date(receivedAt);
        const { results } = await h.push(phone.token, [record]);
        expect(results[0]?.outcome).toBe('accepted');
      }
      clock = new Date(NOW);
      const { db } = h.app.registry.store;
      for (const { record, status } of Object.values(people))
        await db.updateTable('registrations').set({ status }).where('id', '=', record.id).execute();
      await db
        .updateTable('registrations')
        .set({ voided_at: '2026-11-23T09:00:00.000Z', void_reason: 'dobel' })
        .where('id', '=', people.voided.record.id)
        .execute();
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('writes an XLSX with a bold frozen header and NIK and phone numbers as text cells', async () => {
      const res = await admin.call('GET', '/admin/export.xlsx');
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="jaring-peserta-semua-2026-11-23.xlsx"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const sheet = await openXlsx(res);
      expect(sheet.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS]);
      expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(18); // 16 digits show whole
      for (const name of ['NIK', 'No HP', 'HP Ahli Waris', 'RT'] as const)
        expect(sheet.getColumn(EXPORT_COLUMNS.indexOf(name) + 1).numFmt).toBe('@');

      const rows = dataRows(sheet);
      expect(rows.map((cell) => cell('NIK').value).sort()).toEqual(
        niksOf('early21', 'late21', 'start22', 'other'),
      );
      const early = rows.find((cell) => cell('NIK').value === nik('early21'))!;
      expect([early('NIK').type, early('NIK').value, early('NIK').numFmt]).toEqual([
        ExcelJS.ValueType.String,
        nik('early21'),
        '@',
      ]);
      expect([early('No HP').type, early('No HP').value]).toEqual([ExcelJS.ValueType.String, '081234567890']);
      expect([early('RT').type, early('RT').value]).toEqual([ExcelJS.ValueType.String, '004']);
      expect(early('Penghasilan per Bulan').value).toBe(1_000_000);
      // The WIB day the registry received it, not the UTC one, nor the phone's createdAt.
      expect(early('Tanggal Terdaftar').value).toBe('2026-11-21');
      expect(early('Kelurahan').value).toBe('Blimbing');
    });

    it('filters both files by status, by WIB registration day and by kelurahan', async () => {
      expect(await both(admin, '')).toEqual(niksOf('early21', 'late21', 'start22', 'other'));
      expect(await both(admin, '?status=rejected')).toEqual(niksOf('rejected'));
      expect(await both(admin, '?status=verified,active')).toEqual(niksOf('late21', 'start22', 'other'));
      expect(await both(admin, '?from=2026-11-21&to=2026-11-21')).toEqual(niksOf('early21', 'late21'));
      expect(await both(admin, '?from=2026-11-22')).toEqual(niksOf('start22', 'other'));
      expect(await both(admin, '?to=2026-11-20')).toEqual([]);
      expect(await both(admin, `?kelurahan=${OTHER}`)).toEqual(niksOf('other'));
      expect(await both(admin, `?kelurahan=${OWN}&status=received,verified,active,rejected`)).toEqual(
        niksOf('early21', 'late21', 'start22', 'rejected'), // never the voided one
      );
    });

    it("gives an operator their kelurahan's rows only, whatever they ask for", async () => {
      const operator = await signInAs(h.app, 'operator', [OWN]);
      const res = await operator.call('GET', '/admin/export.xlsx');
      expect(res.headers['content-disposition']).toContain(`jaring-peserta-${OWN}-2026-11-23.xlsx`);
      const rows = dataRows(await openXlsx(res));
      expect(rows.map((cell) => cell('Kelurahan').value)).toEqual(['Blimbing', 'Blimbing', 'Blimbing']);
      expect(await both(operator, '')).toEqual(niksOf('early21', 'late21', 'start22'));
      expect(await both(operator, `?kelurahan=${OTHER}`)).toEqual([]);
      expect(await both(operator, `?kelurahan=${OTHER}&status=verified`)).toEqual([]);
    });

    it('audits each export with the actor, the filters and the row count', async () => {
      const verifikator = await signInAs(h.app, 'verifikator');
      await verifikator.call(
        'GET',
        `/admin/export.xlsx?kelurahan=${OWN}&status=active,verified&from=2026-11-21`,
      );
      await verifikator.call('GET', '/admin/export.csv?to=2026-11-21');
      const entries = await h.app.registry.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('actor', '=', `user:${verifikator.userId}`)
        .where('action', 'like', 'export.%')
        .orderBy('id')
        .execute();
      expect(entries.map((e) => [e.action, e.target, JSON.parse(e.detail)])).toEqual([
        [
          'export.xlsx',
          OWN,
          { kelurahan: [OWN], statuses: ['active', 'verified'], from: '2026-11-21', to: null, rows: 2 },
        ],
        [
          'export.csv',
          'semua',
          {
            kelurahan: null,
            statuses: ['received', 'verified', 'active'],
            from: null,
            to: '2026-11-21',
            rows: 2,
          },
        ],
      ]);
    });
  });
});
