/**
 * Scenario 6: the same person registered on two phones (two enrolled devices). The registry keeps the
 * first; the second phone marks its copy as a duplicate, says where and when the person was registered,
 * and offers a way out (fix a mistyped NIK, or remove this phone's copy).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { KELURAHAN } from '../../src/shared/reference';
import { describeInBrowser, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  expectBadges,
  openRecords,
  person,
  recordRow,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { startEnrolledPhone } from './support/phone-setup';

function kelurahanNamed(nama: string) {
  const found = KELURAHAN.find((k) => k.nama === nama);
  if (!found) throw new Error(`no kelurahan ${nama}`);
  return found;
}

/** How the phone writes a date in Indonesian ("23 November 2026"), in the phone's time zone. */
const formatIndonesianDate = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));

describeInBrowser('the same NIK on two phones (scenario 6)', () => {
  let registry: TestRegistry;
  let first: Phone;
  let second: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    first = await startEnrolledPhone(registry);
    // The second phone works in Polowijen, where the person was first registered: only a phone of that
    // kelurahan is told where and when (the NIK oracle); another would read "registered elsewhere".
    second = await startEnrolledPhone(registry, kelurahanNamed('Polowijen').kode);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await registry?.close();
  });

  it('shows the second phone where and when the person was registered, and lets it resolve', async () => {
    const polowijen = kelurahanNamed('Polowijen');
    const arjosari = kelurahanNamed('Arjosari');
    const onFirst = person(601, 'Sumiati', {
      address: { ...person(0, '').address, kelurahanKode: polowijen.kode },
    });
    const onSecond = {
      ...onFirst,
      fullName: 'Sumiyati',
      address: { ...onFirst.address, kelurahanKode: arjosari.kode },
    };

    await registerPerson(first.page, onFirst);
    await openRecords(first.page);
    await expectBadges(first.page, [onFirst.fullName], 'Terkirim');

    const { page } = second;
    await registerPerson(page, onSecond);
    await openRecords(page);
    await expectBadges(page, [onSecond.fullName], 'Duplikat');

    const [held] = await registry.query<{ full_name: string; kelurahan_kode: string; received_at: string }>(
      `select full_name, kelurahan_kode, received_at from registrations where nik = '${onFirst.nik}'`,
    );
    expect(held).toMatchObject({ full_name: onFirst.fullName, kelurahan_kode: polowijen.kode });
    expect(await registry.countRegistrations()).toBe(1);

    await page.getByText('Perlu perhatian (1)').click();
    const advice = page.locator('.attention-item').filter({ hasText: onSecond.fullName });
    await advice
      .getByText(`NIK ini sudah terdaftar di Kel. Polowijen pada ${formatIndonesianDate(held!.received_at)}.`)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => advice.getByRole('link', { name: 'Perbaiki' }).count()).toBe(1);

    await advice.getByRole('button', { name: 'Hapus salinan di HP ini' }).click();
    await advice.getByRole('button', { name: 'Ya, hapus dari HP ini' }).click(); // asked once more, inline
    await expect.poll(() => recordRow(page, onSecond.fullName).count()).toBe(0);
    await expect.poll(() => page.getByText(/Perlu perhatian/).count()).toBe(0);
    expect(await registry.countRegistrations()).toBe(1);
    expect(second.pageErrors).toEqual([]);
  });
});
