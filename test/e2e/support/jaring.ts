/**
 * What a volunteer does with Jaring, as Playwright steps on a real page: open the app, fill and save the
 * registration form, look at the list. Locators use the Indonesian labels, roles and visible text, so a
 * scenario breaks when what the volunteer sees breaks. Also reads the phone's IndexedDB directly, for
 * assertions on what is stored (never to change it).
 */
import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { findKelurahan } from '../../../src/shared/reference';
import type { RegistrationFields } from '../../../src/shared/registration';
import { makeFields, uniquePerson } from '../../fixtures/registrations';

/** How long the UI may take to show something (a sync round trip included); generous for 2 slow cores. */
export const UI_TIMEOUT_MS = 20_000;

/** A valid person whose NIK agrees with the birth date and gender typed (no warnings to confirm). */
export function person(n: number, fullName: string, overrides: Partial<RegistrationFields> = {}) {
  return makeFields({ ...uniquePerson(n), fullName, ...overrides });
}

export async function openApp(page: Page, url: string, hash = '#/daftar'): Promise<Response | null> {
  const response = await page.goto(`${url}/${hash}`);
  await page.getByRole('heading', { level: 1, name: /Jaring/ }).waitFor();
  return response;
}

/** Waits until the service worker is installed and active (everything precached). */
export async function waitForActiveServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    }
  });
}

export async function isControlledByServiceWorker(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

/** Types into a text control and leaves it, as a person would (field messages show on leaving). */
async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const control = page.getByLabel(label, { exact: true });
  await control.fill(value);
  await control.blur();
}

export async function pickKelurahan(page: Page, kelurahanKode: string): Promise<void> {
  const name = findKelurahan(kelurahanKode)?.nama;
  if (!name) throw new Error(`unknown kelurahan ${kelurahanKode}`);
  await page.getByLabel('Kelurahan', { exact: true }).fill(name);
  await page.getByRole('button', { name, exact: true }).click();
}

/** Fills every field a registration needs, the way the volunteer does, on the "Pendaftaran baru" form. */
export async function fillRegistration(page: Page, fields: RegistrationFields): Promise<void> {
  await typeInto(page, 'NIK', fields.nik);
  await typeInto(page, 'Nama lengkap', fields.fullName);
  await typeInto(page, 'Tempat lahir', fields.birthPlace);
  await typeInto(page, 'Tanggal lahir', fields.birthDate);
  await page.getByLabel(fields.gender === 'P' ? 'Perempuan' : 'Laki-laki', { exact: true }).check();
  await typeInto(page, 'Jalan / dusun', fields.address.street);
  await typeInto(page, 'RT', fields.address.rt);
  await typeInto(page, 'RW', fields.address.rw);
  await pickKelurahan(page, fields.address.kelurahanKode);
  await page.getByLabel('Pekerjaan', { exact: true }).selectOption(fields.occupation);
  await typeInto(page, 'Nama ahli waris', fields.heir.name);
  await page.getByLabel('Hubungan', { exact: true }).selectOption(fields.heir.relationship);
  await page.getByLabel(/Peserta sudah mendengar/).check();
}

/** Fills the form, presses "Simpan" and waits for "Tersimpan: <name>". */
export async function registerPerson(page: Page, fields: RegistrationFields): Promise<void> {
  await fillRegistration(page, fields);
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Tersimpan: ${fields.fullName}.` })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function openRecords(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByRole('heading', { name: 'Data terdaftar' }).waitFor();
}

/** The record row for `fullName` in the list ("Data terdaftar"). */
export function recordRow(page: Page, fullName: string) {
  return page.getByRole('list', { name: 'Data terdaftar' }).getByRole('link', { name: new RegExp(fullName) });
}

/** Waits until every named record in the list shows the badge `badge` (e.g. "Terkirim"). */
export async function expectBadges(page: Page, names: string[], badge: string): Promise<void> {
  for (const name of names) {
    await expect.poll(() => recordRow(page, name).textContent(), { timeout: UI_TIMEOUT_MS }).toContain(badge);
  }
}

/** Every row of an IndexedDB object store of the app's database, read in the page (no Dexie). */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (storeName) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('jaring');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('heading', { name: 'Pengaturan', exact: true }).waitFor();
}

export async function openRegisterForm(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Daftar', exact: true }).click();
  await page.getByRole('heading', { name: 'Pendaftaran baru' }).waitFor();
}

/** Enrolls the phone the way a volunteer does: Pengaturan → the coordinator's code → "Daftarkan HP ini". */
export async function enrollPhone(page: Page, enrollmentCode: string): Promise<void> {
  await openSettings(page);
  await page.getByLabel('Kode pendaftaran').fill(enrollmentCode);
  await page.getByRole('button', { name: 'Daftarkan HP ini' }).click();
  await page.getByText('HP ini sudah terdaftar.').waitFor({ timeout: UI_TIMEOUT_MS });
  await openRegisterForm(page);
}
