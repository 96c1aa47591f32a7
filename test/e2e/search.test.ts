/**
 * Scenario 17: the records list searched in Chromium's own IndexedDB (the `searchKeys` index, read in
 * reverse in chunks), typed key by key as a volunteer does: each name or NIK prefix shows exactly the
 * people it should, newest first, including prefixes between the indexed lengths and past them.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, saveScreenshot } from '../helpers/browser';
import {
  openApp,
  openRecords,
  openRegisterForm,
  person,
  readStore,
  registerPerson,
  UI_TIMEOUT_MS,
} from './support/jaring';
import { useRegistryAndFreshPhone } from './support/phone-setup';

/** Registered in this order, so the last is the newest. NIKs part at their 13th digit (serial 1…4xxx). */
const PEOPLE = [
  person(1901, 'Siti Aminah'),
  person(2902, 'Sri Srikandi'),
  person(3903, 'Slamet Riyadi'),
  person(4904, 'Aminah Sari'),
];

/** The people the list shows, top to bottom, by the name in each row. */
async function listedNames(page: Page) {
  const rows = page.getByRole('list', { name: 'Data terdaftar' }).getByRole('link');
  const texts = await rows.allTextContents();
  return texts.map((text) => PEOPLE.find((p) => text.includes(p.fullName))?.fullName ?? text);
}

/** Clears the search box, types `query` a key at a time and waits for exactly `expected`. */
async function searchFor(page: Page, query: string, expected: string[]) {
  const box = page.getByLabel('Cari nama atau NIK', { exact: true });
  await box.fill('');
  await box.pressSequentially(query, { delay: 40 });
  await expect.poll(() => listedNames(page), { timeout: UI_TIMEOUT_MS }).toEqual(expected);
}

describeInBrowser('searching the records list (scenario 17)', () => {
  const setup = useRegistryAndFreshPhone();

  it('finds people by name and NIK prefixes, newest first, as each key is typed', async () => {
    const { registry, phone } = setup;
    const { page } = phone;
    await openApp(page, registry.url);
    for (const fields of PEOPLE) {
      await openRegisterForm(page);
      await registerPerson(page, fields);
    }
    const stored = await readStore<{ fullName: string; searchKeys?: string[] }>(page, 'registrations');
    expect(stored.every((row) => (row.searchKeys?.length ?? 0) > 0)).toBe(true);

    await openRecords(page);
    await searchFor(page, 's', ['Aminah Sari', 'Slamet Riyadi', 'Sri Srikandi', 'Siti Aminah']);
    await searchFor(page, 'sr', ['Sri Srikandi']); // between the indexed lengths 1 and 3
    await searchFor(page, 'srikandi', ['Sri Srikandi']); // past the longest, 5
    await searchFor(page, 'amin', ['Aminah Sari', 'Siti Aminah']);
    await searchFor(page, 'siti am', ['Siti Aminah']);
    await searchFor(page, 'riyadx', []);
    await searchFor(page, PEOPLE[2]!.nik.slice(0, 13), ['Slamet Riyadi']);
    await searchFor(page, PEOPLE[0]!.nik.slice(0, 7), [
      'Aminah Sari',
      'Slamet Riyadi',
      'Sri Srikandi',
      'Siti Aminah',
    ]);
    await searchFor(page, PEOPLE[1]!.nik, ['Sri Srikandi']);
    await searchFor(page, 'amin', ['Aminah Sari', 'Siti Aminah']);
    await saveScreenshot(page, 'records-search');
    expect(phone.pageErrors).toEqual([]);
  });
});
