/**
 * The export's hostile and wrong inputs on each engine. A name typed as `Budi;=cmd|' /C calc'!A0` cannot
 * run in a spreadsheet that splits the CSV on ';' (Indonesian Excel), tab or '|' — no such piece starts
 * with a formula character — while the XLSX holds it exactly as typed, as a text cell. A wrong filter on
 * either file is a 400 with an Indonesian sentence, never a 500.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const ATTACK = `Budi;=cmd|' /C calc'!A0`;
/** What a spreadsheet would take for a formula at the start of a cell (after an opening quote). */
const FORMULA_CELL = /^"?\s*[=+\-@]/;

describe.each(registryEngines())('hostile names and wrong filters in the export on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    const record = makeRegistration({
      ...uniquePerson(601),
      fullName: ATTACK,
      birthPlace: 'Malang|@SUM(1+1)',
      address: { street: 'Jl. Mawar; -1+2', rt: '004', rw: '001', kelurahanKode: '3573011005' },
    });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const phone = await h.enroll();
      const { results } = await h.push(phone.token, [record]);
      expect(results[0]?.outcome).toBe('accepted');
      admin = await signInAs(h.app, 'admin');
    });
    afterAll(async () => h?.app.close());

    it('quotes every text cell of the CSV and leaves no formula after ; tab or |', async () => {
      const res = await admin.call('GET', '/admin/export.csv');
      expect(res.statusCode).toBe(200);
      const line = res.rawPayload
        .toString('utf8')
        .split('\r\n')
        .find((l) => l.includes(record.nik))!;
      expect(line).toContain(`"Budi;'=cmd|' /C calc'!A0"`);
      expect(line).toContain(`"Malang|'@SUM(1+1)"`);
      expect(line).toContain(`"Jl. Mawar; '-1+2"`);
      expect(line.startsWith(`"${record.nik}",`)).toBe(true);
      for (const separator of [';', '\t', '|', ','])
        for (const piece of line.split(separator))
          expect(piece, `split on ${separator}`).not.toMatch(FORMULA_CELL);
    });

    it('keeps the name as typed in the XLSX, as a text cell and not a formula', async () => {
      const res = await admin.call('GET', '/admin/export.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const cell = workbook.worksheets[0]!.getRow(2).getCell(2);
      expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, ATTACK]);
    });

    it.each([
      ['status=pending', 'Status harus'],
      ['status=verified,nope', 'Status harus'],
      ['status=', 'Status harus'],
      ['status=verified&status=active', 'Status harus'],
      ['from=2026-13-01', 'Tanggal "from"'],
      ['from=2026-02-30', 'Tanggal "from"'],
      ['to=23-11-2026', 'Tanggal "to"'],
      ['to=2026-11-23T00:00', 'Tanggal "to"'],
      ['from=2026-11-23&to=2026-11-01', 'tidak boleh sesudah'],
      ['kelurahan=9999999999', 'Kode kelurahan tidak dikenal'],
      ['kelurahan=3573011005&kelurahan=3573041001', 'Kode kelurahan tidak dikenal'],
    ])('?%s is a 400 on both files', async (query, detail) => {
      for (const file of ['export.csv', 'export.xlsx']) {
        const res = await admin.call('GET', `/admin/${file}?${query}`);
        expect([res.statusCode, res.json().code], `${file}?${query}`).toEqual([400, 'bad_request']);
        expect(res.json().detail).toContain(detail);
      }
    });
  });
});
