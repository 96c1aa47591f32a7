/**
 * Scenario 9: the app opened as a kelurahan pilot first tried it — plain http from a name that is not
 * localhost (`http://jaring-pilot.lan:PORT`, resolved to the test registry by Chromium itself). There
 * is no secure context, so no service worker, no `crypto.randomUUID`, no Web Locks, no
 * `navigator.storage`. The phone must say why it cannot work offline, and still save and send a
 * registration: Simpan completes, it never hangs on "Menyimpan…".
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchPhone, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  enrollPhone,
  expectBadges,
  openApp,
  openRecords,
  person,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';

const PILOT_HOST = 'jaring-pilot.lan';

describeInBrowser('opened over plain http from a LAN name (scenario 9)', () => {
  let registry: TestRegistry;
  let phone: Phone;
  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    phone = await launchPhone(undefined, [`--host-resolver-rules=MAP ${PILOT_HOST} 127.0.0.1`]);
  });
  afterAll(async () => {
    await phone?.close();
    await registry?.close();
  });

  it(
    'explains why it cannot work offline, and still saves and sends a registration',
    async () => {
      const { page } = phone;
      // Whether the notice was already there when the form first appeared (same render, before paint).
      await page.addInitScript(() => {
        const seen = window as unknown as { noticeWithForm?: boolean };
        new MutationObserver(() => {
          if (seen.noticeWithForm === undefined && document.querySelector('form.registration'))
            seen.noticeWithForm = document.querySelector('.platform-notice') !== null;
        }).observe(document, { childList: true, subtree: true });
      });
      const url = registry.url.replace('127.0.0.1', PILOT_HOST);
      await openApp(page, url);
      const platform = await page.evaluate(() => ({
        isSecureContext: window.isSecureContext,
        hasServiceWorker: 'serviceWorker' in navigator,
        hasRandomUuid: typeof crypto.randomUUID === 'function',
        hasLocks: 'locks' in navigator,
      }));
      expect(platform).toEqual({
        isSecureContext: false,
        hasServiceWorker: false,
        hasRandomUuid: false,
        hasLocks: false,
      });

      const notice = page.getByRole('alert', { name: 'Jaring belum bisa bekerja penuh di alamat ini' });
      await expect
        .poll(() => notice.textContent())
        .toContain('Aplikasi ini harus dibuka lewat alamat https://…');
      // Rendered with the form, above it: it cannot push the fields down once the volunteer has started.
      expect(
        await page.evaluate(() => (window as unknown as { noticeWithForm?: boolean }).noticeWithForm),
      ).toBe(true);
      await saveScreenshot(page, 'plain-http-notice');
      await notice.getByText('Keterangan untuk petugas IT').click();
      await expect.poll(() => notice.textContent()).toContain(`dibuka lewat http://${PILOT_HOST}`);
      await notice.getByText('Keterangan untuk petugas IT').click(); // folded again

      await enrollPhone(page, await registry.newEnrollmentCode());
      const fields = person(901, 'Sri Wahyuni');
      await registerPerson(page, fields); // "Tersimpan: Sri Wahyuni." — not stuck on "Menyimpan…"
      await saveScreenshot(page, 'plain-http-saved');
      await openRecords(page);
      await expectBadges(page, [fields.fullName], 'Terkirim');
      const rows = await registry.query<{ id: string; nik: string }>('select id, nik from registrations');
      expect(rows.map((row) => row.nik)).toEqual([fields.nik]);
      expect(rows[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(phone.pageErrors).toEqual([]);
    },
    UI_TIMEOUT_MS * 6,
  );
});
