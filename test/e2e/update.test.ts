/**
 * Scenario 5: a new version is deployed while a volunteer has a half-typed registration and records
 * waiting to be sent. The app offers the update and never reloads by itself; when the volunteer accepts,
 * the page reloads into the new version with the draft (including what was typed after the offer
 * appeared) and the queue intact, and sending resumes.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { BUILD_MARKER, copyBuild, deployNewVersion, type ServedBuild } from './support/deploy';
import {
  expectBadges,
  openRecords,
  openRegisterForm,
  person,
  readStore,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { registryRows, startEnrolledPhone } from './support/phone-setup';

const PUSH = '**/api/v1/sync/push';

describeInBrowser('app update with work in progress (scenario 5)', () => {
  let served: ServedBuild;
  let registry: TestRegistry;
  let phone: Phone;

  beforeAll(async () => {
    served = copyBuild(inject('appBuildDir'));
    registry = await startRegistry({ staticDir: served.dir });
    phone = await startEnrolledPhone(registry);
  });
  afterAll(async () => {
    await phone?.close();
    await registry?.close();
    served?.remove();
  });

  it('waits for the volunteer, then keeps the draft and the queue and resumes sending', async () => {
    const { page, context } = phone;
    await context.route(PUSH, (route) => route.abort('failed')); // the registry's API is unreachable
    const waiting = [person(501, 'Menunggu Satu'), person(502, 'Menunggu Dua')];
    for (const fields of waiting) await registerPerson(page, fields);
    const draft = person(503, 'Setengah Ketik');
    await page.getByLabel('NIK', { exact: true }).fill(draft.nik);
    await page.getByLabel('Nama lengkap', { exact: true }).fill(draft.fullName);
    await page.evaluate(() => ((window as { jaringMark?: string }).jaringMark = 'old page'));

    deployNewVersion(served.dir, 'v2');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const prompt = page.getByRole('status').filter({ hasText: 'Versi baru tersedia' });
    await prompt.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'update-prompt');

    // Offered, not applied: the new worker waits, this page is the same page and still takes input.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)).toBe(
      true,
    );
    await page.getByLabel('Tempat lahir', { exact: true }).fill('Typed After Offer');
    expect(await page.evaluate(() => (window as { jaringMark?: string }).jaringMark)).toBe('old page');
    expect(await page.getByLabel('NIK', { exact: true }).inputValue()).toBe(draft.nik);

    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Muat ulang' }).click();
    await reloaded;
    expect(await page.evaluate(() => (window as { jaringMark?: string }).jaringMark)).toBeUndefined();
    expect(await page.locator(`meta[name="${BUILD_MARKER}"]`).getAttribute('content')).toBe('v2');

    await page.getByText(`Ada isian yang belum disimpan untuk ${draft.fullName}`).waitFor();
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    expect(await page.getByLabel('NIK', { exact: true }).inputValue()).toBe(draft.nik);
    expect(await page.getByLabel('Nama lengkap', { exact: true }).inputValue()).toBe(draft.fullName);
    expect(await page.getByLabel('Tempat lahir', { exact: true }).inputValue()).toBe('Typed After Offer');
    expect(await readStore(page, 'outbox')).toHaveLength(2);
    expect(await registry.countRegistrations()).toBe(0);

    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.setOffline(true); // the signal comes back: the `online` event
    await context.setOffline(false);
    await openRecords(page);
    await expectBadges(
      page,
      waiting.map((p) => p.fullName),
      'Terkirim',
    );
    expect((await registryRows(registry)).map((r) => r.nik)).toEqual(waiting.map((p) => p.nik).sort());
    await openRegisterForm(page); // the draft is still there; answered once this start, so not asked again
    await expect.poll(() => page.getByLabel('NIK', { exact: true }).inputValue()).toBe(draft.nik);
    expect(await page.getByText(`Ada isian yang belum disimpan untuk ${draft.fullName}`).count()).toBe(0);
    expect(phone.pageErrors).toEqual([]);
  });
});
