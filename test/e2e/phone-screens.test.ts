/**
 * Scenario 15: every phone screen at 360×740 under axe-core — enrollment, the empty form, the form with
 * errors, the records list, a record's detail, the receipt, settings, and the backup's save and restore
 * forms (with their messages) — has no serious or critical accessibility violation. Each is saved as
 * test-output/screenshots/phone-screen-<name>.png. Uncaught page errors fail the run.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot } from '../helpers/browser';
import { seriousViolations } from './support/axe';
import {
  enrollPhone,
  openApp,
  openRecords,
  openRegisterForm,
  openSettings,
  person,
  recordRow,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { useRegistryAndFreshPhone } from './support/phone-setup';

/** Saves what the phone shows and returns axe's serious and critical findings on it. */
async function checkScreen(page: Page, name: string): Promise<string[]> {
  await saveScreenshot(page, `phone-screen-${name}`);
  return (await seriousViolations(page)).map((v) => `${name}: ${v}`);
}

describeInBrowser('every phone screen, accessible at 360×740 (scenario 15)', () => {
  const setup = useRegistryAndFreshPhone();

  it('has no serious or critical axe-core violation on any screen', async () => {
    const { registry, phone } = setup;
    const { page } = phone;
    const found: string[] = [];
    await openApp(page, registry.url);
    found.push(...(await checkScreen(page, 'form-empty')));

    await openSettings(page);
    await page.getByLabel('Kode pendaftaran').waitFor();
    found.push(...(await checkScreen(page, 'enroll')));
    await enrollPhone(page, await registry.newEnrollmentCode('3573011005'));

    const siti = person(1501, 'Siti Aksesibel');
    await registerPerson(page, siti);
    await openRecords(page);
    await recordRow(page, siti.fullName).waitFor();
    found.push(...(await checkScreen(page, 'records')));
    await recordRow(page, siti.fullName).click();
    await page.getByRole('heading', { name: siti.fullName }).waitFor();
    found.push(...(await checkScreen(page, 'record-detail')));
    await page.getByRole('link', { name: 'Bukti pendaftaran' }).first().click();
    await page.getByRole('article', { name: 'Bukti pendaftaran BPJS Ketenagakerjaan' }).waitFor();
    found.push(...(await checkScreen(page, 'receipt')));

    await openRegisterForm(page);
    await page.getByLabel('NIK', { exact: true }).fill('35730157087');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByText(/Ada \d+ isian yang perlu diperbaiki/).waitFor();
    found.push(...(await checkScreen(page, 'form-errors')));

    await openSettings(page);
    await page.getByRole('heading', { name: 'Cadangan data' }).waitFor();
    found.push(...(await checkScreen(page, 'settings')));
    await page.getByRole('button', { name: 'Simpan cadangan' }).click();
    await page.getByLabel('Kata sandi cadangan').fill('pendek');
    await page.getByRole('button', { name: 'Buat berkas cadangan' }).click();
    await page.getByText('Kata sandi minimal 8 karakter.').waitFor();
    found.push(...(await checkScreen(page, 'backup-save')));
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.getByRole('button', { name: 'Pulihkan cadangan' }).click();
    await page.getByRole('button', { name: 'Pulihkan data' }).click();
    await page.getByText('Pilih berkas cadangan dulu.').waitFor({ timeout: UI_TIMEOUT_MS });
    found.push(...(await checkScreen(page, 'backup-restore')));

    expect(found).toEqual([]);
    // The check can fail: an unnamed button (axe's button-name, critical) is reported.
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('button')));
    expect((await seriousViolations(page)).join()).toContain('button-name (critical)');
    expect(phone.pageErrors).toEqual([]);
  });
});
