/**
 * Scenario 11: the receipt a volunteer hands the worker, at 360×740 and offline. The person is
 * registered without signal, the receipt opens from the save notice, its QR code (on screen and in the
 * image the volunteer saves or shares) reads back as the record's code, and it shows the masked NIK,
 * never the whole one. Screenshots: test-output/screenshots/receipt.png and the saved receipt-image.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { receiptCode } from '../../src/shared/receipt';
import { describeInBrowser, saveScreenshot, SCREENSHOT_DIR } from '../helpers/browser';
import {
  openApp,
  person,
  readStore,
  registerPerson,
  UI_TIMEOUT_MS,
  waitForActiveServiceWorker,
} from './support/jaring';
import { useRegistryAndFreshPhone } from './support/phone-setup';
import { decodeQrPng } from './support/qr';

describeInBrowser('the receipt (scenario 11)', () => {
  const setup = useRegistryAndFreshPhone();

  it('opens offline after a save, and its QR codes read back as the record code', async () => {
    const { registry, phone } = setup;
    const { page, context } = phone;
    await openApp(page, registry.url);
    await waitForActiveServiceWorker(page);
    await page.reload();
    await context.setOffline(true);
    const siti = person(31, 'Siti Aminah');
    await registerPerson(page, siti);
    await page.getByRole('link', { name: 'Bukti pendaftaran' }).click();
    const card = page.getByRole('article', { name: 'Bukti pendaftaran BPJS Ketenagakerjaan' });
    await card.waitFor({ timeout: UI_TIMEOUT_MS });

    const [stored] = await readStore<{ id: string; nik: string }>(page, 'registrations');
    const code = receiptCode(stored!.id);
    await expect
      .poll(() => card.textContent())
      .toContain(`${siti.nik.slice(0, 4)} •••• •••• ${siti.nik.slice(12)}`);
    expect(await card.textContent()).not.toContain(siti.nik);
    await saveScreenshot(page, 'receipt');
    const qr = page.getByRole('img', { name: `Kode QR pendaftaran ${code}` });
    expect(await decodeQrPng(page, await qr.screenshot())).toBe(code);

    // Headless Chromium has no share sheet: the image is saved, and it carries the same code.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Simpan gambar' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bukti-jaring-${code}.png`);
    const image = readFileSync((await download.path())!);
    expect(image.length).toBeLessThan(200_000);
    writeFileSync(join(SCREENSHOT_DIR, 'receipt-image.png'), image);
    expect(await decodeQrPng(page, image)).toBe(code);
    await page.getByText('Gambar bukti disimpan ke folder unduhan.').waitFor();
    expect(phone.pageErrors).toEqual([]);
  });
});
