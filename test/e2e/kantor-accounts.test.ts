/**
 * Kantor accounts in real Chromium against the real registry and the production build: the first admin
 * signs in with the one-time password and must choose their own; creates an operator for one
 * kelurahan and a verifikator; each signs in and gets exactly what their role allows — in the menu and
 * from the registry. Reload keeps the session, sign-out ends it, and the cookie's flags are checked.
 * Screenshots at 1280×800 and 768×1024 go to test-output/screenshots/kantor-*.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { firstAdminToTell } from '../../src/server/services/first-start';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import {
  DESK_VIEWPORT,
  describeInBrowser,
  launchPhone,
  saveScreenshot,
  TABLET_VIEWPORT,
  type Phone,
} from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  apiStatus,
  changeOneTimePassword,
  menuItems,
  openKantor,
  signIn,
  UI_TIMEOUT_MS,
} from './support/kantor';

const OWN_KEL = '3573011005';
const OTHER_KEL = '3573041001';

describeInBrowser('Kantor: officer accounts and roles', () => {
  let registry: TestRegistry;
  let desk: Phone;
  const created: Record<string, string> = {};
  const inOwn = makeRegistration({ ...uniquePerson(31), fullName: 'Warga Blimbing' });
  const inOther = makeRegistration({
    ...uniquePerson(32),
    fullName: 'Warga Sukun',
    address: { street: 'Jl. Sukun', rt: '001', rw: '001', kelurahanKode: OTHER_KEL },
  });

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await registry.pushFromNewPhone([inOwn, inOther]);
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await desk?.close();
    await registry?.close();
  });

  it('the first admin signs in, chooses a password, and the session survives a reload', async () => {
    const first = await firstAdminToTell(registry.app.registry.store.db, registry.app.registry.nowIso());
    const { page } = desk;
    await openKantor(page, registry.url);
    await saveScreenshot(page, 'kantor-sign-in-1280');
    await signIn(page, 'admin', 'kata-sandi-yang-salah');
    await page.getByRole('alert').getByText(/salah/).waitFor({ timeout: UI_TIMEOUT_MS });
    await signIn(page, 'admin', first!.password);
    await changeOneTimePassword(page, first!.password, 'alun-alun-tugu-malang');
    await page.getByRole('heading', { name: 'Ringkasan', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await menuItems(page)).toEqual([
      'Ringkasan',
      'Verifikasi',
      'Data ganda',
      'Perangkat',
      'Peserta lama',
      'Ekspor',
      'Target',
      'Pengguna',
      'Audit',
      'Akun saya',
    ]);

    const [cookie] = await desk.context.cookies(registry.url);
    expect(cookie).toMatchObject({ name: 'jaring_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: no script sees it
    await page.reload();
    await page.getByRole('heading', { name: 'Ringkasan', level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.uplot canvas').waitFor({ timeout: UI_TIMEOUT_MS }); // the chart, loaded on this screen only
    await saveScreenshot(page, 'kantor-overview-1280');
  });

  it('the admin creates an operator for one kelurahan and a verifikator', async () => {
    const { page } = desk;
    await page.getByRole('link', { name: 'Pengguna' }).click();
    for (const [username, role] of [
      ['bu-siti', 'Operator kelurahan'],
      ['pak-verif', 'Verifikator'],
    ] as const) {
      await page.getByLabel('Nama pengguna').fill(username);
      await page.getByLabel('Nama lengkap').fill(username === 'bu-siti' ? 'Siti Aminah' : 'Budi Verifikator');
      await page.getByLabel('Peran').selectOption({ label: role });
      if (username === 'bu-siti')
        await page.getByRole('combobox', { name: 'Kelurahan', exact: true }).selectOption(OWN_KEL);
      await page.getByRole('button', { name: 'Buat', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
      created[username] = (await dialog.locator('code').textContent()) ?? '';
      await saveScreenshot(page, `kantor-users-${username}-1280`);
      await dialog.getByRole('button', { name: 'Tutup' }).click();
    }
    expect(created['bu-siti']).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await page.getByRole('cell', { name: 'Blimbing' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.setViewportSize(TABLET_VIEWPORT);
    await saveScreenshot(page, 'kantor-users-768');
    await page.setViewportSize(DESK_VIEWPORT);
  });

  it('the admin sets a kelurahan target and finds it, and the new users, in the audit log', async () => {
    const { page } = desk;
    await page.getByRole('link', { name: 'Target', exact: true }).click();
    const row = page.getByRole('form', { name: 'Ubah target Blimbing' });
    await row.getByLabel('Perkiraan pekerja rentan').fill('1000');
    await row.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Target Blimbing disimpan.').waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'kantor-targets-1280');
    const [target] = await registry.query<{ estimated_workers: number }>(
      `select estimated_workers from coverage_targets where kelurahan_kode = '${OWN_KEL}'`,
    );
    expect(Number(target?.estimated_workers)).toBe(1000);

    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('cell', { name: 'coverage_target.set' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByLabel('Jenis tindakan').selectOption('user');
    // The first admin (made at first start) and the two made here.
    await expect.poll(() => page.getByRole('cell', { name: 'user.create' }).count()).toBe(3);
    await saveScreenshot(page, 'kantor-audit-1280');
  });

  it('signing out ends the session: the registry refuses the old cookie', async () => {
    const { page } = desk;
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByText('Anda sudah keluar.').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await apiStatus(page, 'GET', '/auth/me')).toBe(401);
    expect(await apiStatus(page, 'GET', '/admin/users')).toBe(401);
  });

  it('the operator sees only their kelurahan and cannot touch accounts or statuses', async () => {
    const { page } = desk;
    await signIn(page, 'bu-siti', created['bu-siti']!);
    await changeOneTimePassword(page, created['bu-siti']!, 'pos-kamling-rw-05');
    expect(await menuItems(page)).toEqual(['Ringkasan', 'Perangkat', 'Ekspor', 'Akun saya']);
    await page.getByRole('link', { name: 'Akun saya' }).click();
    await page.getByText('Wilayah: Blimbing.').waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'kantor-home-operator-1280');
    expect(await apiStatus(page, 'GET', '/admin/users')).toBe(403);
    expect(
      await apiStatus(page, 'POST', `/admin/registrations/${inOwn.id}/status`, { status: 'verified' }),
    ).toBe(403);
    expect(await apiStatus(page, 'GET', `/admin/registrations/${inOwn.id}`)).toBe(200);
    expect(await apiStatus(page, 'GET', `/admin/registrations/${inOther.id}`)).toBe(404);
    expect(await apiStatus(page, 'POST', '/admin/enrollment-codes', { kelurahanKode: OTHER_KEL })).toBe(403);
    expect(await apiStatus(page, 'POST', '/admin/enrollment-codes', { name: 'HP Pak RT' })).toBe(201);
    await page.getByRole('button', { name: 'Keluar' }).click();
  });

  it('the verifikator reviews city-wide but cannot manage accounts', async () => {
    const { page } = desk;
    await signIn(page, 'pak-verif', created['pak-verif']!);
    await changeOneTimePassword(page, created['pak-verif']!, 'tahu-campur-lamongan');
    expect(await menuItems(page)).toEqual(['Ringkasan', 'Verifikasi', 'Data ganda', 'Ekspor', 'Akun saya']);
    await page.getByRole('link', { name: 'Akun saya' }).click();
    await page.getByText('Wilayah: seluruh Kota Malang.').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await apiStatus(page, 'GET', `/admin/registrations/${inOther.id}`)).toBe(200);
    expect(
      await apiStatus(page, 'POST', `/admin/registrations/${inOther.id}/status`, { status: 'verified' }),
    ).toBe(200);
    expect(await apiStatus(page, 'GET', '/admin/users')).toBe(403);
    expect(await apiStatus(page, 'POST', '/admin/enrollment-codes', {})).toBe(403);
    await saveScreenshot(page, 'kantor-account-verifikator-1280');
    expect(desk.pageErrors).toEqual([]);
  });
});
