/**
 * What an officer does in Kantor, as Playwright steps: sign in (changing a one-time password when the
 * console asks), open a screen from the menu, sign out. Locators use the Indonesian labels and roles.
 */
import type { Page } from 'playwright-core';
import type { Role } from '../../../src/shared/access';
import { createUser } from '../../../src/server/services/users';
import type { TestRegistry } from '../../helpers/registry';

export const UI_TIMEOUT_MS = 20_000;

export async function openKantor(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/kantor/`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** On the forced password change after a one-time password: choose `newPassword`. */
export async function changeOneTimePassword(page: Page, oneTime: string, newPassword: string): Promise<void> {
  await page.getByRole('heading', { name: 'Ganti kata sandi' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByLabel('Kata sandi saat ini').fill(oneTime);
  await page.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
  await page.getByLabel('Ulangi kata sandi baru').fill(newPassword);
  await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
}

export async function menuItems(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  await nav.waitFor({ timeout: UI_TIMEOUT_MS });
  return nav.getByRole('link').allTextContents();
}

/** A same-origin API call from the page, with the page's session cookie (as Kantor's own code makes it). */
export function apiStatus(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`/api/v1${p}`, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return res.status;
    },
    [method, path, body] as const,
  );
}

/** An officer with a password of their own (no one-time password to change), straight in the database. */
export function addOfficer(
  registry: TestRegistry,
  user: { username: string; role: Role; password: string; kelurahan?: string[]; displayName?: string },
) {
  return createUser(registry.app.registry.store.db, registry.app.registry.nowIso(), 'test', {
    kelurahan: [],
    ...user,
  });
}
