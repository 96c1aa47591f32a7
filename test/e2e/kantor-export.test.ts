/**
 * Ekspor in real Chromium against the real registry and the production build: a verifikator at 1280×800
 * opens Ekspor, downloads the XLSX through the page (the session cookie goes along with the plain link),
 * and the file opened with exceljs holds every person with the NIK as a text cell; choosing a kelurahan
 * and a status changes both links, and the XLSX then holds only that kelurahan's people. Screenshots:
 * test-output/screenshots/kantor-export-1280.png and kantor-export-768.png.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  saveScreenshot,
  TABLET_VIEWPORT,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { openKantor, signIn, UI_TIMEOUT_MS, addOfficer } from './support/kantor';

const PASSWORD = 'bakso-president-malang';
const OTHER_KEL = '3573041001';

/** Clicks a download link and opens the file the browser saved, as the city office would in Excel. */
async function downloadXlsx(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: UI_TIMEOUT_MS }),
    page.getByRole('link', { name: /Unduh XLSX/ }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0]!;
  const nikCells: ExcelJS.Cell[] = [];
  sheet.eachRow((row, n) => n > 1 && nikCells.push(row.getCell(1)));
  return { name: download.suggestedFilename(), header: sheet.getRow(1).getCell(1).value, nikCells };
}

describeInBrowser('Kantor: Ekspor for BPJS', () => {
  let registry: TestRegistry;
  let desk: Phone;
  const inOwn = makeRegistration({ ...uniquePerson(801), fullName: 'Warga Blimbing' });
  const inOther = makeRegistration({
    ...uniquePerson(802),
    fullName: 'Warga Sukun',
    address: { street: 'Jl. Sukun', rt: '001', rw: '001', kelurahanKode: OTHER_KEL },
  });

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, {
      username: 'verif',
      displayName: 'Bu Verifikator',
      role: 'verifikator',
      password: PASSWORD,
    });
    await registry.pushFromNewPhone([inOwn, inOther]);
    await registry.setStatus(inOther.id, 'verified');
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await desk?.close();
    await registry?.close();
  });

  it('a verifikator downloads the XLSX with the NIK as text, then one kelurahan only', async () => {
    const { page } = desk;
    await openKantor(page, registry.url);
    await signIn(page, 'verif', PASSWORD);
    await page.getByRole('link', { name: 'Ekspor', exact: true }).click();
    await page.getByRole('heading', { name: 'Ekspor', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByText(/XLSX menyimpan NIK dan nomor HP sebagai teks/).waitFor();
    await saveScreenshot(page, 'kantor-export-1280');

    const all = await downloadXlsx(page);
    expect(all.name).toMatch(/^jaring-peserta-semua-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(all.header).toBe('NIK');
    expect(all.nikCells.map((c) => c.value).sort()).toEqual([inOwn.nik, inOther.nik].sort());
    for (const cell of all.nikCells)
      expect([cell.type, cell.numFmt]).toEqual([ExcelJS.ValueType.String, '@']);

    await page.getByRole('combobox', { name: 'Kelurahan', exact: true }).selectOption(OTHER_KEL);
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('verified,active');
    const csvHref = await page.getByRole('link', { name: /Unduh CSV/ }).getAttribute('href');
    expect(csvHref).toBe(`/api/v1/admin/export.csv?kelurahan=${OTHER_KEL}&status=verified%2Cactive`);
    const one = await downloadXlsx(page);
    expect(one.name).toMatch(new RegExp(`^jaring-peserta-${OTHER_KEL}-`));
    expect(one.nikCells.map((c) => c.value)).toEqual([inOther.nik]);

    await page.getByLabel('Didaftarkan sejak').fill('2026-12-31');
    await page.getByLabel('Didaftarkan sampai').fill('2026-01-01');
    await page
      .getByRole('alert')
      .getByText(/tidak boleh sesudah/)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByRole('link', { name: /Unduh XLSX/ }).count()).toBe(0);
    await page.getByLabel('Didaftarkan sampai').fill('');
    await page.setViewportSize(TABLET_VIEWPORT);
    await saveScreenshot(page, 'kantor-export-768');
    await page.setViewportSize(DESK_VIEWPORT);

    const [audit] = await registry.query<{ n: number | string }>(
      "select count(*) as n from audit_log where action = 'export.xlsx'",
    );
    expect(Number(audit?.n)).toBe(2);
    expect(desk.pageErrors).toEqual([]);
  });
});
