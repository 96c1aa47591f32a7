/**
 * Scenario 8 (part): the registration form as the volunteer sees it at 360×740 after pressing "Simpan"
 * with mistakes, written to test-output/screenshots/ for a person to look at, and checked to land clear
 * of the sticky sync row. The other screenshots are taken where their state arises: the records list
 * (scenario 1), the sync bar while syncing (scenario 4) and the update prompt (scenario 5). Also the
 * keyboard's Enter: it moves to the next field, and never submits the form.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchPhone, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import type { Page } from 'playwright-core';
import { openApp } from './support/jaring';

/** Pixels between the bottom of the sticky sync row and the top of the field around `controlId`. */
function clearanceBelowSyncRow(page: Page, controlId: string): Promise<number> {
  return page.evaluate((id) => {
    const row = document.querySelector('.sync-row')!.getBoundingClientRect();
    const field = document.getElementById(id)!.closest('.field')!.getBoundingClientRect();
    return field.top - row.bottom;
  }, controlId);
}

describeInBrowser('screens for review (scenario 8)', () => {
  let registry: TestRegistry;
  let phone: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    phone = await launchPhone();
  });
  afterAll(async () => {
    await phone?.close();
    await registry?.close();
  });

  it('shows field messages on the form when saving with mistakes', async () => {
    const { page } = phone;
    await openApp(page, registry.url);
    await page.getByLabel('NIK', { exact: true }).fill('35730157087');
    await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Aminah');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();

    await page.getByText(/Ada \d+ isian yang perlu diperbaiki/).waitFor();
    await expect.poll(() => page.getByText('NIK harus 16 digit.').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-nik');
    await saveScreenshot(page, 'form-validation');
    // The row is compact (a title, then one row of status; not a quarter of the screen)…
    const rowHeight = await page.evaluate(() => document.querySelector('.sync-row')!.clientHeight);
    expect(rowHeight).toBeLessThanOrEqual(80);
    // …and whatever is scrolled or focused into view lands below it, label included.
    expect(await clearanceBelowSyncRow(page, 'f-nik')).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => document.getElementById('f-birthPlace')!.scrollIntoView({ block: 'start' }));
    expect(await clearanceBelowSyncRow(page, 'f-birthPlace')).toBeGreaterThanOrEqual(0);
    await page.getByText('Persetujuan peserta wajib sebelum data disimpan.').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'form-validation-consent');
    expect(phone.pageErrors).toEqual([]);
  });

  it("moves on with the keyboard's Enter instead of submitting a half-filled form", async () => {
    // A phone of its own: the one above holds a draft and a form showing its errors.
    const fresh = await launchPhone();
    try {
      await typeWithEnter(fresh, registry.url);
    } finally {
      await fresh.close();
    }
  });
});

async function typeWithEnter(phone: Phone, url: string) {
  const { page } = phone;
  await openApp(page, url);
  const nik = page.getByLabel('NIK', { exact: true });
  await nik.fill('');
  await nik.focus();
  await page.keyboard.type('3573015708750001');
  expect(await nik.getAttribute('enterkeyhint')).toBe('next');
  await page.keyboard.press('Enter');
  // Chromium's own implicit submission would have run the form's checks: no summary may appear.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-fullName');
  await page.keyboard.type('Siti Aminah');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-birthPlace');
  expect(await page.getByText(/Ada \d+ isian yang perlu diperbaiki/).count()).toBe(0);
  expect(await page.getByRole('alert').allTextContents()).toEqual([]);
  expect(phone.pageErrors).toEqual([]);
}
