/**
 * Scenario 1: a cold start with no network. First visit online (the service worker installs and
 * precaches), network off, reload: the app is served by the service worker and works; three people
 * registered offline survive another offline reload; network back on: all three are sent and the
 * registry holds exactly three rows.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, saveScreenshot } from '../helpers/browser';
import {
  enrollPhone,
  expectBadges,
  isControlledByServiceWorker,
  openApp,
  openRecords,
  person,
  readStore,
  recordRow,
  registerPerson,
  waitForActiveServiceWorker,
} from './support/jaring';
import { useRegistryAndFreshPhone } from './support/phone-setup';

describeInBrowser('offline from a cold start (scenario 1)', () => {
  const setup = useRegistryAndFreshPhone();

  it('opens and registers offline, keeps the records across reloads, sends them once back online', async () => {
    const { registry, phone } = setup;
    const { page, context } = phone;
    await openApp(page, registry.url);
    await enrollPhone(page, await registry.newEnrollmentCode()); // once, while online
    await waitForActiveServiceWorker(page);

    await context.setOffline(true);
    const offlineLoad = await page.reload();
    expect(offlineLoad?.fromServiceWorker()).toBe(true); // not the network: it is off
    expect(await isControlledByServiceWorker(page)).toBe(true);
    expect(
      await page.evaluate(() =>
        fetch('/healthz').then(
          () => 'reached',
          () => 'offline',
        ),
      ),
    ).toBe('offline');

    const people = [person(101, 'Suparmi'), person(102, 'Slamet Riyadi'), person(103, 'Mbok Tumini')];
    for (const fields of people) await registerPerson(page, fields);
    await openRecords(page);
    await saveScreenshot(page, 'records-list');

    const secondOfflineLoad = await page.reload();
    expect(secondOfflineLoad?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Data terdaftar' }).waitFor();
    const names = people.map((p) => p.fullName);
    for (const name of names) await expect.poll(() => recordRow(page, name).count()).toBe(1);
    await expectBadges(page, names, 'Menunggu');
    expect(await readStore(page, 'outbox')).toHaveLength(3);
    expect(await registry.countRegistrations()).toBe(0);

    await context.setOffline(false);
    await expectBadges(page, names, 'Terkirim');
    expect(await registry.countRegistrations()).toBe(3);
    const rows = await registry.query<{ nik: string }>('select nik from registrations order by nik');
    expect(rows.map((r) => r.nik)).toEqual(people.map((p) => p.nik).sort());
    expect(phone.pageErrors).toEqual([]);
  });
});
