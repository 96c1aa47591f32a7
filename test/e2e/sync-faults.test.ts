/**
 * Scenarios 2–4: the network and the volunteer misbehave during sync, and still every record reaches
 * the registry exactly once. Faults are injected with Playwright's routing on the whole context (pages
 * and service worker), between the real page and the real registry.
 */
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { describeInBrowser, saveScreenshot, type Phone } from '../helpers/browser';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  expectBadges,
  openApp,
  openRecords,
  person,
  readStore,
  recordRow,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { registryRows, startEnrolledPhone } from './support/phone-setup';

const PUSH = '**/api/v1/sync/push';

describeInBrowser('sync under faults (scenarios 2–4)', () => {
  let registry: TestRegistry;
  let phone: Phone;

  beforeEach(async () => {
    registry = await startRegistry({ staticDir: inject('appBuildDir') });
    phone = await startEnrolledPhone(registry);
  });
  afterEach(async () => {
    await phone?.close();
    await registry?.close();
  });

  it('2: the registry commits but every other answer is lost: exactly N rows, all N sent', async () => {
    const { page, context } = phone;
    let pushes = 0;
    let cut = 0;
    await context.route(PUSH, async (route) => {
      const isCut = ++pushes % 2 === 1;
      const response = await route.fetch(); // the registry has committed this batch
      if (!isCut) return route.fulfill({ response });
      cut += 1;
      return route.abort('failed');
    });

    const people = Array.from({ length: 6 }, (_, i) => person(200 + i, `Pekerja Dua ${i + 1}`));
    for (const fields of people) await registerPerson(page, fields);
    await openRecords(page);
    await expectBadges(
      page,
      people.map((p) => p.fullName),
      'Terkirim',
    );

    expect(cut).toBeGreaterThanOrEqual(1); // saves may share a push, so how many were cut varies
    const rows = await registryRows(registry);
    expect(rows.map((r) => r.nik)).toEqual(people.map((p) => p.nik).sort());
    expect(await readStore(page, 'outbox')).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('3: two tabs registering and syncing at once: nothing duplicated, nothing lost', async () => {
    const tabA = phone.page;
    const tabB = await phone.newPage();
    await openApp(tabB, registry.url);
    const peopleA = Array.from({ length: 4 }, (_, i) => person(300 + i, `Tab A ${i + 1}`));
    const peopleB = Array.from({ length: 4 }, (_, i) => person(310 + i, `Tab B ${i + 1}`));

    await Promise.all([
      (async () => {
        for (const fields of peopleA) await registerPerson(tabA, fields);
      })(),
      (async () => {
        for (const fields of peopleB) await registerPerson(tabB, fields);
      })(),
    ]);

    const everyone = [...peopleA, ...peopleB];
    for (const tab of [tabA, tabB]) {
      await openRecords(tab);
      await expectBadges(
        tab,
        everyone.map((p) => p.fullName),
        'Terkirim',
      );
    }
    const rows = await registryRows(registry);
    expect(rows.map((r) => r.nik)).toEqual(everyone.map((p) => p.nik).sort());
    expect(await readStore(tabA, 'registrations')).toHaveLength(everyone.length);
    expect(phone.pageErrors).toEqual([]);
  });

  it('4: the tab is closed while a push is in flight, then opened again: no loss, no duplicate', async () => {
    const { page, context } = phone;
    await context.setOffline(true); // let three records wait, then send them in one push
    const people = Array.from({ length: 3 }, (_, i) => person(400 + i, `Tutup Tab ${i + 1}`));
    for (const fields of people) await registerPerson(page, fields);

    let hasCommitted!: () => void;
    const committed = new Promise<void>((resolve) => (hasCommitted = resolve));
    let isHolding = true;
    await context.route(PUSH, async (route) => {
      if (!isHolding) return route.continue();
      await route.fetch(); // the registry commits; the answer never reaches the tab
      hasCommitted();
      await new Promise(() => undefined);
    });
    await context.setOffline(false); // the `online` event starts a sync by itself
    await committed;
    await page.getByText(/Mengirim…/).waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'sync-bar-while-syncing');
    await context.newPage(); // another tab keeps the browser running, as on a phone
    const isClosed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true }); // as a person closes a tab (does not wait for it)
    await isClosed;
    isHolding = false;
    expect((await registryRows(registry)).map((r) => r.nik)).toEqual(people.map((p) => p.nik).sort());

    // Opened again. The dead tab's claims hold until their lease (60 s) runs out, so the records wait
    // ("Menunggu", never shown as sent) until then: the clock is moved on instead of waiting.
    await context.clock.install();
    const reopened = await phone.newPage();
    await openApp(reopened, registry.url, '#/data');
    const names = people.map((p) => p.fullName);
    for (const name of names) await expect.poll(() => recordRow(reopened, name).count()).toBe(1);
    await expectBadges(reopened, names, 'Menunggu');
    await context.clock.fastForward('02:00');
    await expectBadges(reopened, names, 'Terkirim');
    expect((await registryRows(registry)).map((r) => r.nik)).toEqual(people.map((p) => p.nik).sort());
    expect(await readStore(reopened, 'outbox')).toEqual([]);
  });
});
