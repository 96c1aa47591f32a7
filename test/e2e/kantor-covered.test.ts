/**
 * Peserta lama in real Chromium: the city admin loads the BPJS list of people already covered — a CSV
 * with a bad row is checked and nothing is imported; the corrected list as XLSX is imported — the overview
 * counts them, and a volunteer who then registers one of them is told on the phone that the person is
 * already a participant. Screenshots: test-output/screenshots/kantor-covered-*.png.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { uniquePerson } from '../fixtures/registrations';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  saveScreenshot,
  TABLET_VIEWPORT,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { expectBadges, openRecords, person, registerPerson } from './support/jaring';
import { openKantor, signIn, UI_TIMEOUT_MS, addOfficer } from './support/kantor';
import { startEnrolledPhone } from './support/phone-setup';

const PASSWORD = 'lontong-balap-surabaya';
const PEOPLE = 300;
const BLIMBING = '3573011005';

function listRows() {
  return Array.from({ length: PEOPLE }, (_, i) => [
    uniquePerson(2000 + i).nik,
    `Peserta Lama ${i}`,
    'Blimbing',
  ]);
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Peserta');
  sheet.addRow(['No KTP', 'Nama Peserta', 'Kelurahan']);
  for (const [nik, name, kel] of rows) sheet.addRow([Number(nik), name, kel]); // BPJS files often hold NIKs as numbers
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeInBrowser('Kantor: loading the people already covered', () => {
  let registry: TestRegistry;
  let desk: Phone;
  let phone: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, {
      username: 'kota',
      role: 'admin',
      password: PASSWORD,
    });
    // The volunteer's phone is enrolled for Blimbing, where the covered people live: a duplicate answer
    // says where and why (here: already covered) only inside the phone's own kelurahan.
    phone = await startEnrolledPhone(registry, BLIMBING);
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await registry?.close();
  });

  it('a CSV with a bad row imports nothing and shows the row and why', async () => {
    const { page } = desk;
    await openKantor(page, registry.url);
    await signIn(page, 'kota', PASSWORD);
    await page.getByRole('link', { name: 'Peserta lama' }).click();
    const csv = [
      'NIK;Nama;Kelurahan',
      ...listRows()
        .slice(0, 5)
        .map((r) => r.join(';')),
      '3573;Salah Ketik;Blimbing',
    ].join('\n');
    await page
      .getByLabel(/Berkas daftar BPJS/)
      .setInputFiles({ name: 'bpjs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByLabel('Kolom NIK').inputValue(), { timeout: UI_TIMEOUT_MS }).toBe('0');
    await page.getByRole('button', { name: 'Periksa semua baris' }).click();
    await page.getByText('1 baris salah', { exact: false }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('cell', { name: 'NIK harus 16 digit.' }).waitFor();
    expect(await page.getByRole('button', { name: /^Impor/ }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'kantor-covered-errors-1280');
    expect(await registry.query('select nik from covered_people')).toEqual([]);
  });

  it('the corrected XLSX is imported and the overview counts it', async () => {
    const { page } = desk;
    await page.getByLabel(/Berkas daftar BPJS/).setInputFiles({
      name: 'bpjs.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsxOf(listRows()),
    });
    await page.getByRole('cell', { name: listRows()[0]![0]! }).waitFor({ timeout: UI_TIMEOUT_MS }); // the NIK, exact
    await page.getByRole('button', { name: 'Periksa semua baris' }).click();
    await page.getByText(`${PEOPLE} baris benar.`).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.setViewportSize(TABLET_VIEWPORT);
    await saveScreenshot(page, 'kantor-covered-768');
    await page.setViewportSize(DESK_VIEWPORT);
    await page.getByRole('button', { name: `Impor ${PEOPLE} orang` }).click();
    await page.getByText(`${PEOPLE} orang dimuat.`).waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'kantor-covered-1280');
    await page.getByRole('link', { name: 'Ringkasan' }).click();
    await page.getByText(`termasuk ${PEOPLE} peserta lama`).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('a volunteer registering someone already covered is told so on the phone', async () => {
    const [nik] = listRows()[0]!;
    const worker = { ...person(2000, 'Peserta Lama 0'), nik: nik! };
    await registerPerson(phone.page, worker);
    await openRecords(phone.page);
    await expectBadges(phone.page, ['Peserta Lama 0'], 'Duplikat');
    await phone.page.getByText(/Perlu perhatian/).click();
    await phone.page
      .getByText(/Sudah terdaftar sebagai peserta BPJS Ketenagakerjaan/)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(phone.page, 'kantor-covered-phone');
    expect(desk.pageErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});
