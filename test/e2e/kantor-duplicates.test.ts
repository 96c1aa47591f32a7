/**
 * Data ganda end to end in real Chromium: two real phones register the same NIK three times; a
 * verifikator at 1280×800 compares each pair in Kantor and settles it once each way — same person,
 * the registered record is wrong, NIK mistyped — and each phone shows the outcome after a sync.
 * Screenshots: test-output/screenshots/kantor-duplicates-*.png.
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
import { expectBadges, openRecords, openRegisterForm, person, registerPerson } from './support/jaring';
import { openKantor, signIn, UI_TIMEOUT_MS, addOfficer } from './support/kantor';
import { startEnrolledPhone } from './support/phone-setup';

const PASSWORD = 'pecel-madiun-pedas-sekali';

describeInBrowser('Kantor: settling duplicate NIKs from two phones', () => {
  let registry: TestRegistry;
  let desk: Phone;
  let first: Phone;
  let second: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    await addOfficer(registry, {
      username: 'verif',
      role: 'verifikator',
      password: PASSWORD,
    });
    first = await startEnrolledPhone(registry);
    second = await startEnrolledPhone(registry);
    desk = await launchPhone(DESK_VIEWPORT);
    await openKantor(desk.page, registry.url);
    await signIn(desk.page, 'verif', PASSWORD);
  });
  afterAll(async () => {
    for (const browser of [first, second, desk]) await browser?.close();
    await registry?.close();
  });

  /** The same person on both phones, the second spelling the name differently. */
  async function clash(n: number, name: string, secondName: string) {
    const onFirst = person(n, name);
    await openRegisterForm(first.page);
    await registerPerson(first.page, onFirst);
    await openRecords(first.page);
    await expectBadges(first.page, [name], 'Terkirim');
    await openRegisterForm(second.page);
    await registerPerson(second.page, { ...onFirst, fullName: secondName });
    await openRecords(second.page);
    await expectBadges(second.page, [secondName], 'Duplikat');
  }

  async function settle(secondName: string, choice: RegExp, screenshot?: string) {
    const { page } = desk;
    await page.goto(`${registry.url}/kantor/#/data-ganda`);
    await page.reload();
    await page.getByRole('button', { name: secondName, exact: true }).click();
    const pair = page.getByRole('region', { name: secondName });
    await pair.locator('.k-differs').first().waitFor({ timeout: UI_TIMEOUT_MS });
    if (screenshot) await saveScreenshot(page, screenshot);
    await pair.getByRole('button', { name: choice }).click();
    if (choice.source.includes('salah')) await page.getByRole('button', { name: 'Ya, batalkan' }).click();
    await page.getByText('Diselesaikan.').waitFor({ timeout: UI_TIMEOUT_MS });
  }

  async function syncBoth() {
    for (const phone of [first, second])
      await phone.page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  }

  it('same person: the second phone is told its copy is already registered', async () => {
    await clash(801, 'Sumiati', 'Sumiyati');
    await settle('Sumiyati', /^Orang yang sama/, 'kantor-duplicates-1280');
    await desk.page.setViewportSize(TABLET_VIEWPORT);
    await saveScreenshot(desk.page, 'kantor-duplicates-768');
    await desk.page.setViewportSize(DESK_VIEWPORT);
    await syncBoth();
    await expectBadges(second.page, ['Sumiyati'], 'Perlu diperbaiki');
    await second.page.getByText(/Perlu perhatian/).click();
    await second.page.getByText(/Orang ini sudah terdaftar/).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectBadges(first.page, ['Sumiati'], 'Terkirim');
  });

  it('the registered record is wrong: it is voided and the waiting one takes the NIK', async () => {
    await clash(802, 'Wagiman', 'Wagimin');
    await settle('Wagimin', /^Data terdaftar salah/);
    await syncBoth();
    await expectBadges(second.page, ['Wagimin'], 'Terkirim');
    await expectBadges(first.page, ['Wagiman'], 'Perlu diperbaiki');
    const rows = await registry.query<{ full_name: string; voided_at: string | null }>(
      `select full_name, voided_at from registrations where full_name in ('Wagiman', 'Wagimin') order by full_name`,
    );
    expect(rows.map((r) => [r.full_name, r.voided_at === null])).toEqual([
      ['Wagiman', false],
      ['Wagimin', true],
    ]);
  });

  it('NIK mistyped: the second phone is asked to check the NIK against the KTP', async () => {
    await clash(803, 'Kasiyem', 'Kasmini');
    await settle('Kasmini', /^Orang berbeda/);
    await syncBoth();
    await expectBadges(second.page, ['Kasmini'], 'Perlu diperbaiki');
    await second.page
      .getByText(/Cocokkan NIK dengan KTP/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await desk.page.reload();
    await desk.page.getByText('Tidak ada data ganda yang menunggu.').waitFor({ timeout: UI_TIMEOUT_MS });
    for (const browser of [first, second, desk]) expect(browser.pageErrors).toEqual([]);
  });
});
