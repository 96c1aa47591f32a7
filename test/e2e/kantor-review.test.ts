/**
 * The review loop end to end, in real Chromium, against the real registry and the real phone app in one
 * run: a verifikator at 1280×800 sees a phone's record arrive, rejects it with a reason (keyboard: R);
 * the phone shows the reason; the volunteer fixes the name and saves; the verifikator sees what changed
 * between the versions and verifies (keyboard: V); the overview's waiting count moves. Screenshots:
 * test-output/screenshots/kantor-review-*.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  saveScreenshot,
  TABLET_VIEWPORT,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { menuItems, openKantor, signIn, UI_TIMEOUT_MS, addOfficer } from './support/kantor';
import { expectBadges, openRecords, person, registerPerson } from './support/jaring';
import { startEnrolledPhone } from './support/phone-setup';

const PASSWORD = 'rawon-nguling-probolinggo';

/**
 * The review panel's NIK value is read whole: it needs no more room than its cell has, and the cell ends
 * inside the panel (a layout measure, not a timing).
 */
async function expectNikReadable(page: Phone['page']) {
  const fit = await page.locator('.k-panel .k-facts dt', { hasText: /^NIK$/ }).evaluate((dt) => {
    const dd = dt.nextElementSibling as HTMLElement;
    const panel = dt.closest('.k-panel') as HTMLElement;
    return {
      text: dd.textContent,
      scrollWidth: dd.scrollWidth,
      clientWidth: dd.clientWidth,
      cellRight: dd.getBoundingClientRect().right,
      panelRight: panel.getBoundingClientRect().right,
      panelOverflow: panel.scrollWidth - panel.clientWidth,
    };
  });
  expect(fit.text).toMatch(/^\d{16}$/);
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
  expect(fit.cellRight).toBeLessThanOrEqual(fit.panelRight);
  expect(fit.panelOverflow).toBeLessThanOrEqual(0);
}

describeInBrowser('Kantor: the review loop with a phone', () => {
  let registry: TestRegistry;
  let desk: Phone;
  let phone: Phone;
  const worker = person(701, 'Suparmi');

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, {
      username: 'verif',
      displayName: 'Bu Verifikator',
      role: 'verifikator',
      password: PASSWORD,
    });
    phone = await startEnrolledPhone(registry);
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await registry?.close();
  });

  const waitingCount = async () => {
    const { page } = desk;
    await page.goto(`${registry.url}/kantor/#/ringkasan`);
    await page.reload(); // a fresh overview, not the one already on screen
    const card = page.locator('.k-card-link').filter({ hasText: 'Menunggu verifikasi' });
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    return Number((await card.locator('.k-card-value').textContent())?.replace(/\D/g, ''));
  };

  it('a record from the phone is rejected with a reason, fixed on the phone, and verified', async () => {
    const { page } = desk;
    await openKantor(page, registry.url);
    await signIn(page, 'verif', PASSWORD);
    expect(await menuItems(page)).toEqual(['Ringkasan', 'Verifikasi', 'Data ganda', 'Ekspor', 'Akun saya']);
    expect(await waitingCount()).toBe(0);

    await registerPerson(phone.page, worker);
    await openRecords(phone.page);
    await expectBadges(phone.page, [worker.fullName], 'Terkirim');
    expect(await waitingCount()).toBe(1);

    await page.getByRole('link', { name: 'Verifikasi', exact: true }).click();
    const panel = page.locator('.k-panel');
    await panel.getByRole('heading', { name: worker.fullName }).waitFor({ timeout: UI_TIMEOUT_MS });
    await panel.getByText(`Tanggal lahir di NIK: ${worker.birthDate} (cocok)`).waitFor();
    await saveScreenshot(page, 'kantor-review-1280');
    await expectNikReadable(page);
    await page.keyboard.press('r');
    await panel.getByLabel('Alasan penolakan').selectOption('Nama tidak sesuai KTP');
    await panel.getByRole('button', { name: 'Tolak dengan alasan ini' }).click();
    await page.getByText('Tidak ada data yang menunggu.').waitFor({ timeout: UI_TIMEOUT_MS });

    const { page: phonePage } = phone;
    await phonePage.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expectBadges(phonePage, [worker.fullName], 'Perlu diperbaiki');
    await phonePage.getByText(/Perlu perhatian \(1\)/).click();
    await phonePage
      .getByText('Catatan dari pusat: Nama tidak sesuai KTP')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(phonePage, 'kantor-review-phone-reason');
    await phonePage.locator('.attention-item').getByRole('link', { name: 'Perbaiki' }).click();
    const name = phonePage.getByLabel('Nama lengkap', { exact: true });
    await name.fill('Suparmi Wulandari');
    await name.blur();
    await phonePage.getByRole('button', { name: 'Simpan', exact: true }).click();
    await openRecords(phonePage);
    await expectBadges(phonePage, ['Suparmi Wulandari'], 'Terkirim');

    await page.getByRole('link', { name: 'Verifikasi', exact: true }).click();
    await page.reload();
    await panel.getByRole('heading', { name: 'Suparmi Wulandari' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const history = panel.locator('.k-versions');
    await history.getByText('Suparmi Wulandari').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await history.locator('del').first().textContent()).toBe('Suparmi');
    await page.setViewportSize(TABLET_VIEWPORT);
    await saveScreenshot(page, 'kantor-review-768');
    await expectNikReadable(page);
    await page.setViewportSize(DESK_VIEWPORT);
    await page.keyboard.press('v');
    await page.getByText('1 data diverifikasi.').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await waitingCount()).toBe(0);

    await phonePage.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expectBadges(phonePage, ['Suparmi Wulandari'], 'Terverifikasi');
    expect(desk.pageErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});
