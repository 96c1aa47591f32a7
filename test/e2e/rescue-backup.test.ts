/**
 * Scenario 14: the rescue backup between two phones of one kelurahan, at 360×740. Phone A registers
 * four people while its pushes fail: the first push reaches the registry, which commits it, but its
 * answer is lost; every later push is blocked. A saves a backup ("Simpan cadangan"; headless Chromium
 * has no share sheet, so the file is downloaded). Phone B, a fresh profile enrolled for the same
 * kelurahan, refuses the file with a wrong passphrase, restores it with the right one, and syncs: the
 * registry holds each of the four exactly once, and answers `unchanged` for the one that had arrived;
 * the same file once more restores nothing ("0 data dipulihkan, 4 sudah ada"). axe-core on B's forms.
 * Screenshots: backup-save.png, backup-saved.png, backup-restore-wrong.png, backup-restored.png.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { PushResult } from '../../src/shared/sync-protocol';
import { describeInBrowser, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import { seriousViolations } from './support/axe';
import {
  expectBadges,
  openRecords,
  openSettings,
  person,
  readStore,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { registryRows, startEnrolledPhone } from './support/phone-setup';

const PUSH = '**/api/v1/sync/push';
const BLIMBING = '3573011005';
const PASS = 'mawar merah 2026';

describeInBrowser('the rescue backup (scenario 14)', () => {
  let registry: TestRegistry;
  let phoneA: Phone;
  let phoneB: Phone;
  beforeAll(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
  });
  afterAll(async () => {
    await phoneA?.close();
    await phoneB?.close();
    await registry?.close();
  });

  it('carries the unsent records to another phone, which sends each exactly once', async () => {
    phoneA = await startEnrolledPhone(registry, BLIMBING);
    const a = phoneA.page;
    let pushes = 0;
    await phoneA.context.route(PUSH, async (route) => {
      if (++pushes > 1) return route.abort('failed'); // the registry is out of reach from here on
      await route.fetch(); // the registry commits this one; its answer never reaches the phone
      return route.abort('failed');
    });
    const arrived = person(1401, 'Sampai Duluan');
    await registerPerson(a, arrived);
    await expect.poll(async () => (await registryRows(registry)).length, { timeout: UI_TIMEOUT_MS }).toBe(1);
    const others = [
      person(1402, 'Belum Kirim Satu'),
      person(1403, 'Belum Kirim Dua'),
      person(1404, 'Belum Kirim Tiga'),
    ];
    for (const fields of others) await registerPerson(a, fields);
    const everyone = [arrived, ...others];
    expect((await readStore(a, 'outbox')).length).toBe(4);

    await openSettings(a);
    await a.getByRole('button', { name: 'Simpan cadangan' }).click();
    await a.getByLabel('Kata sandi cadangan').fill(PASS);
    await a.getByLabel('Ulangi kata sandi').fill(PASS);
    await saveScreenshot(a, 'backup-save');
    const [download] = await Promise.all([
      a.waitForEvent('download'),
      a.getByRole('button', { name: 'Buat berkas cadangan' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^jaring-cadangan-3573011005-\d{8}-\d{4}\.jaring$/);
    await a
      .getByText(/Cadangan 4 data disimpan sebagai jaring-cadangan-/)
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(a, 'backup-saved');
    const backupPath = (await download.path())!;

    phoneB = await startEnrolledPhone(registry, BLIMBING);
    const b = phoneB.page;
    const answers: PushResult[] = [];
    await phoneB.context.route(PUSH, async (route) => {
      const response = await route.fetch();
      answers.push(...((await response.json()) as { results: PushResult[] }).results);
      return route.fulfill({ response });
    });
    await openSettings(b);
    await b.getByRole('button', { name: 'Pulihkan cadangan' }).click();
    await b.getByLabel('Berkas cadangan (.jaring)').setInputFiles(backupPath);
    await b.getByLabel('Kata sandi cadangan').fill('bukan kata sandinya');
    await b.getByRole('button', { name: 'Pulihkan data' }).click();
    await b.getByText(/Kata sandi salah/).waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(b, 'backup-restore-wrong');
    expect(await readStore(b, 'registrations')).toEqual([]);
    expect(await seriousViolations(b)).toEqual([]);

    await b.getByLabel('Kata sandi cadangan').fill(PASS);
    await b.getByRole('button', { name: 'Pulihkan data' }).click();
    await b.getByText('4 data dipulihkan, 0 sudah ada').waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(b, 'backup-restored');
    expect(await seriousViolations(b)).toEqual([]);

    await openRecords(b);
    await expectBadges(
      b,
      everyone.map((p) => p.fullName),
      'Terkirim',
    );
    const rows = await registryRows(registry);
    expect(rows.map((r) => [r.nik, r.version])).toEqual(everyone.map((p) => [p.nik, 1]).sort());
    const [first] = await registry.query<{ id: string }>(
      `select id from registrations where nik = '${arrived.nik}'`,
    );
    const outcomeOf = (id: string) => answers.filter((r) => r.id === id).map((r) => r.outcome);
    expect(outcomeOf(first!.id)).toEqual(['unchanged']);
    expect(answers.filter((r) => r.outcome === 'accepted')).toHaveLength(3);
    expect(await readStore(b, 'outbox')).toEqual([]);

    // The same file again: every record is already here, nothing is queued or sent again.
    await openSettings(b);
    await b.getByRole('button', { name: 'Pulihkan cadangan' }).click();
    await b.getByLabel('Berkas cadangan (.jaring)').setInputFiles(backupPath);
    await b.getByLabel('Kata sandi cadangan').fill(PASS);
    await b.getByRole('button', { name: 'Pulihkan data' }).click();
    await b.getByText('0 data dipulihkan, 4 sudah ada').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await readStore(b, 'outbox')).toEqual([]);
    expect(await registryRows(registry)).toHaveLength(4);
    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });
});
