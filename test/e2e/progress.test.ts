/**
 * Scenario 12: the kelurahan's progress on the phone, and a form that does not move.
 * - Online, the records screen shows the phone's kelurahan figures from the registry ("Dinoyo: 412
 *   dari 1.200 — 68 lagi menuju 40%", peserta lama counted as Kantor counts them) with when they came;
 *   offline after a reload (served by the service worker) it shows the last known figures and their time.
 * - Layout shift (Chromium's own measure) stays at ~0 while a fresh, not yet enrolled phone's form
 *   loads (the "belum didaftarkan" notice used to push it down 121 px), and through the retries of an
 *   offline phone (the offline notice used to hide and show at each one, moving the form 90 px).
 * Screenshots: test-output/screenshots/records-progress.png, progress-offline.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { importCovered } from '../../src/server/services/covered-import';
import { setCoverageTarget } from '../../src/server/services/coverage-data';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { describeInBrowser, launchPhone, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { takeLayoutShifts, watchLayoutShifts } from './support/layout-shift';
import { openApp, openRecords, person, registerPerson, UI_TIMEOUT_MS } from './support/jaring';
import { startEnrolledPhone } from './support/phone-setup';

const DINOYO = '3573051004';
const FIGURES = 'Dinoyo: 412 dari 1.200 — 68 lagi menuju 40%';
/** "About zero": a shift of a few pixels somewhere would already be 0.001–0.01. */
const NO_SHIFT = 0.001;

describeInBrowser('the kelurahan’s progress, and a steady form (scenario 12)', () => {
  let registry: TestRegistry;
  let phone: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    const { store } = registry.app.registry;
    await setCoverageTarget(store.db, NOW, 'test', DINOYO, { estimatedWorkers: 1_200, targetPercent: 40 });
    const rows = Array.from({ length: 410 }, (_, i) => ({
      nik: uniquePerson(30_000 + i).nik,
      fullName: `Peserta ${i}`,
      kelurahan: 'Dinoyo',
    }));
    await importCovered(store, new Date(), 'test', { fileName: 'bpjs.xlsx', rows, dryRun: false });
    const address = { street: 'Jl. MT Haryono 3', rt: '001', rw: '002', kelurahanKode: DINOYO };
    await registry.pushFromNewPhone([1, 2].map((n) => makeRegistration({ ...uniquePerson(n), address })));
    phone = await startEnrolledPhone(registry, DINOYO);
  });
  afterAll(async () => {
    await phone?.close();
    await registry?.close();
  });

  it('12: shows the figures online, then offline after a reload, with when they came', async () => {
    const { page, context } = phone;
    await openRecords(page);
    const box = page.getByRole('region', { name: 'Capaian kelurahan' });
    await box.getByText(FIGURES).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await box.locator('.progress-updated').textContent()).toBe('diperbarui baru saja');
    await saveScreenshot(page, 'records-progress');

    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await box.getByText(FIGURES).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await box.locator('.progress-updated').textContent()).toMatch(
      /^diperbarui (baru saja|\d+ menit lalu)$/,
    );
    await page.getByText('Offline', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'progress-offline');
    await context.setOffline(false);
    expect(phone.pageErrors).toEqual([]);
  });

  it('12: the form of a fresh phone does not move as the app finishes loading', async () => {
    const fresh = await launchPhone();
    try {
      await watchLayoutShifts(fresh.context);
      await openApp(fresh.page, registry.url);
      const enroll = fresh.page.getByRole('link', { name: 'HP belum didaftarkan — masukkan kode' });
      await enroll.waitFor({ timeout: UI_TIMEOUT_MS }); // the sync bar's code and the stored status are in
      await fresh.page.waitForTimeout(1_000); // anything else arriving late would arrive now
      const { sum, shifts } = await takeLayoutShifts(fresh.page);
      expect(sum, JSON.stringify(shifts)).toBeLessThan(NO_SHIFT);
    } finally {
      await fresh.close();
    }
  });

  it('12: the form does not move while an offline phone retries', async () => {
    const { page, context } = phone;
    await watchLayoutShifts(context);
    await page.reload();
    await page.getByRole('link', { name: 'Daftar', exact: true }).click();
    await context.setOffline(true);
    await registerPerson(
      page,
      person(1_201, 'Rukmini', {
        address: { street: 'Jl. Sumbersari 4', rt: '002', rw: '003', kelurahanKode: DINOYO },
      }),
    );
    await page.getByText(/Tidak tersambung ke server/).waitFor({ timeout: UI_TIMEOUT_MS });
    await takeLayoutShifts(page, true); // from the first failure on: the retries

    let attempts = 0;
    const countAttempt = (request: { url(): string }) =>
      void (request.url().includes('/api/v1/sync/') && attempts++);
    page.on('requestfailed', countAttempt);
    await expect.poll(() => attempts, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(3);
    page.off('requestfailed', countAttempt);
    const { sum, shifts } = await takeLayoutShifts(page);
    expect(sum, JSON.stringify(shifts)).toBeLessThan(NO_SHIFT);
    expect(await page.getByText(/Tidak tersambung ke server/).isVisible()).toBe(true);
    await context.setOffline(false);
    expect(phone.pageErrors).toEqual([]);
  });
});
