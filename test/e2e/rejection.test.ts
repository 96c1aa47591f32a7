/**
 * Scenario 13: a rejection fixed from the edit form, in real Chromium against the real registry. The
 * phone sends a record; an officer (verifikator, own session, through the admin API) sends it back with
 * the preset "NIK tidak sesuai KTP"; the open phone shows "Perlu diperbaiki" by its status poll, nobody
 * pressing "Sinkronkan sekarang"; the edit form starts with the reason and marks the NIK; the volunteer
 * types the right NIK and saves; the registry holds version 2 with it.
 * Screenshot: test-output/screenshots/edit-form-reason.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { uniquePerson } from '../fixtures/registrations';
import { describeInBrowser, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { signInAs } from '../server/officers';
import { expectBadges, openRecords, person, readStore, recordRow, registerPerson } from './support/jaring';
import { startEnrolledPhone } from './support/phone-setup';

const BLIMBING = '3573011005';
/** The poll slows to every 45 s while nothing changes: a verdict shows within a minute. */
const WITHIN_THE_POLL_MS = 60_000;

describeInBrowser('a rejection fixed from the edit form (scenario 13)', () => {
  let registry: TestRegistry;
  let phone: Phone;

  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    phone = await startEnrolledPhone(registry, BLIMBING);
  });
  afterAll(async () => {
    await phone?.close();
    await registry?.close();
  });

  it('13: the reason reaches the open phone by the poll, heads the form, and the fix is sent', async () => {
    const { page } = phone;
    // Typed with a wrong serial: the birth date and gender it encodes still agree with the form.
    const mistyped = person(811, 'Sulastri');
    const rightNik = uniquePerson(812).nik;
    await registerPerson(page, mistyped);
    await openRecords(page);
    await expectBadges(page, ['Sulastri'], 'Terkirim');
    const [stored] = await readStore<{ id: string }>(page, 'registrations');

    const verifikator = await signInAs(registry.app, 'verifikator');
    const verdict = await verifikator.call('POST', `/admin/registrations/${stored!.id}/status`, {
      status: 'rejected',
      reason: 'NIK tidak sesuai KTP',
    });
    expect(verdict.statusCode).toBe(200);
    await expect
      .poll(() => recordRow(page, 'Sulastri').textContent(), { timeout: WITHIN_THE_POLL_MS, interval: 500 })
      .toContain('Perlu diperbaiki');

    await recordRow(page, 'Sulastri').click();
    await page.getByRole('link', { name: 'Ubah data' }).click();
    const reason = page.getByRole('note');
    await reason.waitFor();
    expect(await reason.textContent()).toContain('Dikembalikan kantor: NIK tidak sesuai KTP');
    const nik = page.getByLabel('NIK', { exact: true });
    expect(await nik.getAttribute('aria-describedby')).toContain('f-nik-flag');
    expect(await page.locator('#f-nik-flag').textContent()).toBe('Diminta diperiksa kantor');
    expect(await page.locator('.msg-flag').count()).toBe(1);
    const [reasonBox, nikBox] = await Promise.all([reason.boundingBox(), nik.boundingBox()]);
    expect(reasonBox!.y).toBeLessThan(nikBox!.y); // at the top, above the first field
    await saveScreenshot(page, 'edit-form-reason');

    await reason.getByRole('button', { name: 'NIK' }).click();
    expect(await nik.evaluate((el) => el === document.activeElement)).toBe(true);
    await nik.fill(rightNik);
    await nik.blur();
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.getByRole('heading', { name: 'Sulastri' }).waitFor();
    await openRecords(page);
    await expectBadges(page, ['Sulastri'], 'Terkirim');
    const rows = await registry.query<{ version: number; nik: string; status: string }>(
      `select version, nik, status from registrations where id = '${stored!.id}'`,
    );
    expect(rows).toEqual([{ version: 2, nik: rightNik, status: 'received' }]);
    expect(phone.pageErrors).toEqual([]);
  });
});
