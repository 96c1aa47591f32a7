/**
 * Perangkat end to end in real Chromium: the city admin at 1280×800 makes an enrollment code for a
 * named volunteer; the QR code on the screen is decoded here (a screenshot of it, decoded with jsQR)
 * into the phone app's enrollment link; a fresh phone opens that link, finds the code filled in under
 * Pengaturan (and gone from the address), enrolls, registers one person; the list then shows that
 * phone with a contact just now and nothing waiting. A phone in trouble (written into the registry)
 * shows why in words, and is revoked after a confirmation.
 * Screenshots: test-output/screenshots/kantor-devices-1280.png and -768.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  SCREENSHOT_DIR,
  TABLET_VIEWPORT,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  expectBadges,
  openRecords,
  openRegisterForm,
  person,
  registerPerson,
  waitForActiveServiceWorker,
} from './support/jaring';
import { openKantor, signIn, UI_TIMEOUT_MS, addOfficer } from './support/kantor';
import { decodeQrPng } from './support/qr';

const PASSWORD = 'rawon-setan-tengah-malam';
const DAY = 86_400_000;

/** The QR element as the browser paints it, decoded. */
async function readQr(page: Page): Promise<string | undefined> {
  return decodeQrPng(page, await page.getByRole('img', { name: /Kode QR pendaftaran/ }).screenshot());
}

/** A phone that enrolled ten days ago and has been silent for five, with an old unsent record. */
async function troubledPhone(registry: TestRegistry): Promise<void> {
  const { db } = registry.app.registry.store;
  const now = Date.now();
  const at = (ms: number) => new Date(now - ms).toISOString();
  await db
    .insertInto('devices')
    .values({
      id: crypto.randomUUID(),
      name: 'HP Pak Darmo',
      kelurahan_kode: '3573011005',
      enrollment_code_hash: null,
      token_hash: 'd'.repeat(64),
      created_at: at(10 * DAY),
      enrolled_at: at(10 * DAY),
      revoked_at: null,
      last_seen_at: at(5 * DAY),
      app_version: '0.0.9',
      pending_count: 3,
      oldest_pending_at: at(6 * DAY),
      storage_persisted: 0,
      clock_offset_ms: 12 * 60_000,
    })
    .execute();
}

describeInBrowser('Kantor: Perangkat — a code by QR, a phone enrolled by its link, its health', () => {
  let registry: TestRegistry;
  let desk: Phone;
  let phone: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, {
      username: 'koordinator',
      role: 'admin',
      password: PASSWORD,
    });
    await troubledPhone(registry);
    desk = await launchPhone(DESK_VIEWPORT);
    phone = await launchPhone();
    await openKantor(desk.page, registry.url);
    await signIn(desk.page, 'koordinator', PASSWORD);
    await desk.page.getByRole('link', { name: 'Perangkat' }).click();
    await desk.page.getByRole('heading', { name: 'Perangkat', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
  });
  afterAll(async () => {
    for (const browser of [phone, desk]) await browser?.close();
    await registry?.close();
  });

  const rowOf = (name: string) =>
    desk.page.getByRole('row').filter({ has: desk.page.getByRole('rowheader', { name }) });

  it('makes a code shown once with a QR code of the enrollment link', async () => {
    const { page } = desk;
    await page.getByLabel('Nama relawan / HP').fill('HP Bu Sulastri');
    await page.getByLabel('Kelurahan').selectOption({ label: 'Blimbing' });
    await page.getByRole('button', { name: 'Buat kode' }).click();
    const card = page.getByRole('dialog', { name: 'Kode untuk HP Bu Sulastri' });
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    const code = (await card.locator('.k-code-big').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect.poll(() => card.textContent()).toMatch(/Berlaku sekali, sampai/);
    expect(await readQr(page)).toBe(`${registry.url}/?kode=${code}`);
    await expect.poll(() => rowOf('HP Bu Sulastri').textContent()).toMatch(/Menunggu pendaftaran/);
  });

  it('the phone opens the link, finds the code filled in, enrolls and sends a registration', async () => {
    const link = (await readQr(desk.page))!;
    const code = new URL(link).searchParams.get('kode')!;
    const { page } = phone;
    await page.goto(link);
    const input = page.getByLabel('Kode pendaftaran');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await input.inputValue()).toBe(code);
    expect(page.url()).toBe(`${registry.url}/#/pengaturan`);
    await page.getByRole('button', { name: 'Daftarkan HP ini' }).click();
    await page.getByText('HP ini sudah terdaftar.').waitFor({ timeout: UI_TIMEOUT_MS });
    await openRegisterForm(page);
    await registerPerson(page, person(851, 'Sulastri'));
    await openRecords(page);
    await expectBadges(page, ['Sulastri'], 'Terkirim');
  });

  it('fills a linked code in offline too, from the app shell the service worker serves', async () => {
    const { page, context } = phone;
    await waitForActiveServiceWorker(page);
    await page.reload(); // now the service worker controls the app
    await context.setOffline(true);
    try {
      const response = await page.goto(`${registry.url}/?kode=ABCD-EFGH-JKMN`);
      expect(response?.fromServiceWorker()).toBe(true);
      const input = page.getByLabel('Kode pendaftaran');
      await input.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await input.inputValue()).toBe('ABCD-EFGH-JKMN');
      expect(page.url()).toBe(`${registry.url}/#/pengaturan`);
    } finally {
      await context.setOffline(false);
    }
  });

  it('lists the phone with a contact just now and nothing waiting; a troubled phone says why', async () => {
    const { page } = desk;
    const row = rowOf('HP Bu Sulastri');
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Muat ulang' }).click();
          return (await row.getByRole('cell').allTextContents()).slice(0, 3);
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toEqual(['Aktif', 'sekarang', '0']);
    expect(await row.getByRole('rowheader').textContent()).toContain('v0.1.0'); // the app's version
    expect((await row.getByRole('cell').allTextContents())[5]).toBe('1'); // one record received
    const troubled = await rowOf('HP Pak Darmo').getByRole('cell').allTextContents();
    expect(troubled.slice(1, 5)).toEqual([
      '5 hari yang laluTanpa kabar > 3 hari',
      '3 (terlama 6 hari yang lalu)Tertahan > 3 hari',
      'Bisa terhapusData bisa hilang',
      '+12 mntMeleset > 5 menit',
    ]);
    await page.getByText(/^Tanpa kabar: HP tidak terhubung/).waitFor();
    await page.getByText(/HP perlu perhatian\./).waitFor();
    // The whole page: the code shown once above, the phones below.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shoot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    await shoot('kantor-devices-1280');
    await page.setViewportSize(TABLET_VIEWPORT);
    await shoot('kantor-devices-768');
    await page.setViewportSize(DESK_VIEWPORT);
  });

  it('revokes a phone only after a confirmation', async () => {
    const { page } = desk;
    await rowOf('HP Pak Darmo').getByRole('button', { name: 'Cabut HP Pak Darmo' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(/Cabut HP Pak Darmo\?/).waitFor();
    await confirm.getByRole('button', { name: 'Batal' }).click();
    expect(await rowOf('HP Pak Darmo').textContent()).toContain('Aktif');
    await rowOf('HP Pak Darmo').getByRole('button', { name: 'Cabut HP Pak Darmo' }).click();
    await page.getByRole('button', { name: 'Ya, cabut' }).click();
    await page.getByText('HP Pak Darmo dicabut.').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => rowOf('HP Pak Darmo').getByRole('cell').first().textContent()).toBe('Dicabut');
    for (const browser of [phone, desk]) expect(browser.pageErrors).toEqual([]);
  });
});
