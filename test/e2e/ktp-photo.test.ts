/**
 * Scenario 16, the KTP photo end to end in real Chromium: a 4,000×3,000 JPEG (drawn in the page, never
 * committed) is fed to the form's file chooser at 360×740; the phone compresses it to a 1,600 px long
 * edge under 250 KB and shows it, and keeps it with the draft: the page reloaded (as when the browser
 * kills the tab while the camera app is open), the draft comes back with the photo shown again; the
 * record is saved and synced, and the photo is uploaded after it through a lost upload answer (route
 * interception), the sync row saying on its one line that it waits; stored once; the phone then lets
 * it go; a verifikator sees it in Kantor's review panel. Screenshots: test-output/screenshots/photo-form.png, photo-kantor.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { TARGET_PHOTO_BYTES } from '../../src/shared/photo';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  saveScreenshot,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  expectBadges,
  fillRegistration,
  openRecords,
  person,
  readStore,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { addOfficer, openKantor, signIn } from './support/kantor';
import { startEnrolledPhone } from './support/phone-setup';

const PASSWORD = 'pecel-madiun-pedas-2026';
const PHOTOS = '**/api/v1/photos/**';

/** A camera-sized JPEG, drawn in the page: gradients, shapes and text, so it compresses like a photo. */
async function cameraJpeg(phone: Phone): Promise<Buffer> {
  const base64 = await phone.page.evaluate(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const ctx = canvas.getContext('2d')!;
    const sky = ctx.createLinearGradient(0, 0, 4000, 3000);
    sky.addColorStop(0, '#4a7fb5');
    sky.addColorStop(1, '#e9d9b0');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 4000, 3000);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 20000; i++) {
      ctx.fillStyle = `hsl(${Math.floor(random() * 360)} 40% ${30 + Math.floor(random() * 50)}%)`;
      ctx.fillRect(random() * 4000, random() * 3000, 4 + random() * 60, 4 + random() * 60);
    }
    ctx.fillStyle = '#fff';
    ctx.fillRect(600, 700, 2800, 1700);
    ctx.fillStyle = '#123';
    ctx.font = 'bold 120px sans-serif';
    ctx.fillText('PROVINSI JAWA TIMUR — KOTA MALANG', 700, 900);
    ctx.fillText('NIK 3573015708750001', 700, 1150);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}

describeInBrowser('16: the KTP photo from the phone to Kantor', () => {
  let registry: TestRegistry;
  let phone: Phone;
  let desk: Phone;
  const worker = person(1501, 'Sulastri');

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, { username: 'verif', role: 'verifikator', password: PASSWORD });
    phone = await startEnrolledPhone(registry);
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await registry?.close();
  });

  it('is compressed, shown, uploaded once through a lost answer, and seen by the verifikator', async () => {
    const { page, context } = phone;
    const jpeg = await cameraJpeg(phone);
    expect(jpeg.length).toBeGreaterThan(1_500_000); // as big as a phone camera makes
    let puts = 0;
    let lost = 0;
    await context.route(PHOTOS, async (route) => {
      puts += 1;
      const response = await route.fetch(); // the registry stores the photo…
      if (puts > 1) return route.fulfill({ response });
      lost += 1;
      return route.abort('failed'); // …and its answer never reaches the phone
    });

    await fillRegistration(page, worker);
    await page
      .getByTestId('ktp-photo-input')
      .setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const preview = page.getByRole('img', { name: 'Foto KTP yang akan disimpan' });
    await preview.waitFor({ timeout: UI_TIMEOUT_MS });
    const size = await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([1600, 1200]);
    await preview.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'photo-form');

    // Kept with the draft on disk (the typed values within a second), so a reload brings both back.
    const kept = async () => {
      const photos = await readStore<{ id: string; state: string }>(page, 'photos');
      const drafts = await readStore(page, 'drafts');
      return { photos: photos.map(({ id, state }) => ({ id, state })), drafts: drafts.length };
    };
    await expect
      .poll(kept, { timeout: UI_TIMEOUT_MS })
      .toEqual({ photos: [{ id: 'draft/new', state: 'draft' }], drafts: 1 });
    await page.reload();
    await page.getByText('Foto KTP yang sudah diambil ikut tersimpan.').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await preview.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    await preview.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'photo-form-after-reload');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Tersimpan: ${worker.fullName}.` })
      .waitFor({ timeout: UI_TIMEOUT_MS });

    await openRecords(page);
    await expectBadges(page, [worker.fullName], 'Terkirim');
    await expect.poll(() => lost, { timeout: UI_TIMEOUT_MS }).toBe(1);
    const photoLine = page.locator('.sync-row .sync-photos');
    await expect
      .poll(() => photoLine.textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('1 foto menunggu dikirim');
    const fit = await photoLine.evaluate((line) => [line.scrollWidth, line.clientWidth]);
    expect(fit[0]).toBeLessThanOrEqual(fit[1]!); // read whole at 360 px, not cut by the ellipsis
    // The engine backs off after the lost answer; the volunteer asks again.
    await expect
      .poll(
        async () => {
          if ((await readStore(page, 'photos')).length === 0) return 'gone';
          await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
          return 'waiting';
        },
        { timeout: UI_TIMEOUT_MS, interval: 1000 },
      )
      .toBe('gone');
    const rows = await registry.query<{ bytes: number; content_type: string }>(
      'select bytes, content_type from registration_photos',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.content_type).toBe('image/jpeg');
    expect(Number(rows[0]!.bytes)).toBeLessThanOrEqual(TARGET_PHOTO_BYTES);
    expect(puts).toBeGreaterThanOrEqual(2);

    await openKantor(desk.page, registry.url);
    await signIn(desk.page, 'verif', PASSWORD);
    await desk.page.getByRole('link', { name: 'Verifikasi', exact: true }).click();
    const photo = desk.page.locator('.k-panel').getByRole('img', { name: `Foto KTP ${worker.fullName}` });
    await photo.waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    await photo.scrollIntoViewIfNeeded();
    await saveScreenshot(desk.page, 'photo-kantor');
    const audited = await registry.query<{ n: number }>(
      "select count(*) as n from audit_log where action = 'registration.read_photo'",
    );
    expect(Number(audited[0]!.n)).toBe(1);
    expect(phone.pageErrors).toEqual([]);
    expect(desk.pageErrors).toEqual([]);
  });
});
