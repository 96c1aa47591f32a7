/**
 * Every Kantor screen, as the roles see them, in real Chromium against the real registry with data in
 * it: axe-core finds no serious or critical accessibility violation on any screen, each screen is
 * saved at 1280×800 and 768×1024 (test-output/screenshots/kantor-screen-*), and an operator's screens
 * never show another kelurahan's people. Uncaught page errors fail the run.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createUser } from '../../src/server/services/users';
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
import { seriousViolations } from './support/axe';
import { menuItems, openKantor, signIn, UI_TIMEOUT_MS } from './support/kantor';

const PASSWORD = 'soto-lamongan-koya-enak';
const OTHER_KEL = '3573041001';

describeInBrowser('Kantor: every screen, accessible, at desk and tablet size', () => {
  let registry: TestRegistry;
  let desk: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    const { db } = registry.app.registry.store;
    const now = registry.app.registry.nowIso();
    for (const [username, role, kelurahan] of [
      ['kota', 'admin', []],
      ['verif', 'verifikator', []],
      ['op-blimbing', 'operator', ['3573011005']],
    ] as const) {
      await createUser(db, now, 'test', { username, role, kelurahan: [...kelurahan], password: PASSWORD });
    }
    const records = [
      makeRegistration({ ...uniquePerson(901), fullName: 'Warga Blimbing' }),
      makeRegistration({
        ...uniquePerson(902),
        fullName: 'Warga Sukun',
        address: { street: 'Jl. Sukun', rt: '001', rw: '001', kelurahanKode: OTHER_KEL },
      }),
      makeRegistration({ ...uniquePerson(903), fullName: 'Warga Sukun Kembar', nik: uniquePerson(902).nik }),
    ];
    await registry.pushFromNewPhone(records);
    desk = await launchPhone(DESK_VIEWPORT);
  });
  afterAll(async () => {
    await desk?.close();
    await registry?.close();
  });

  async function visitEveryScreen(username: string): Promise<Record<string, string>> {
    const { page } = desk;
    await openKantor(page, registry.url);
    await signIn(page, username, PASSWORD);
    const texts: Record<string, string> = {};
    for (const name of await menuItems(page)) {
      await page.setViewportSize(DESK_VIEWPORT);
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name, exact: true })
        .click();
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: UI_TIMEOUT_MS });
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), `${username} on ${name}`).toEqual([]);
      const slug = name.toLowerCase().replace(/\s+/g, '-');
      await saveScreenshot(page, `kantor-screen-${username}-${slug}-1280`);
      await page.setViewportSize(TABLET_VIEWPORT);
      await saveScreenshot(page, `kantor-screen-${username}-${slug}-768`);
      texts[name] = (await page.locator('main').textContent()) ?? '';
    }
    await page.setViewportSize(DESK_VIEWPORT);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByText('Anda sudah keluar.').waitFor({ timeout: UI_TIMEOUT_MS });
    return texts;
  }

  it('the sign-in page has no serious accessibility violation', async () => {
    await openKantor(desk.page, registry.url);
    expect(await seriousViolations(desk.page)).toEqual([]);
  });

  it('every screen of the city admin', async () => {
    const texts = await visitEveryScreen('kota');
    expect(Object.keys(texts).length).toBeGreaterThanOrEqual(10);
  });

  it('every screen of the verifikator', async () => {
    const texts = await visitEveryScreen('verif');
    expect(texts['Verifikasi']).toContain('Warga Sukun');
  });

  it("every screen of an operator, none showing another kelurahan's people", async () => {
    const texts = await visitEveryScreen('op-blimbing');
    expect(Object.keys(texts)).not.toContain('Verifikasi');
    for (const [screen, text] of Object.entries(texts)) {
      expect(text, screen).not.toContain('Warga Sukun');
      expect(text, screen).not.toContain('Sukun');
    }
    expect(desk.pageErrors).toEqual([]);
  });
});
