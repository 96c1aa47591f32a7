/**
 * The save notice says what happened to the record, against a real registry: "akan terkirim saat ada
 * sinyal" only while it waits offline, "Sedang dikirim" while online and not answered yet, "Terkirim
 * ke kantor" once the registry answered.
 */
import { screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistrationScreen } from '../../../src/client/form/RegistrationScreen';
import { makeFields, uniquePerson } from '../../fixtures/registrations';
import type { TestRegistry } from '../../helpers/registry';
import { enrolledPhone, phoneOn, renderOnPhone, startRegistryForPhones } from '../helpers/phone-and-registry';
import { openJaringDb } from '../../../src/client/db';
import { clickSave, fillForm } from '../helpers/render-app';

function setBrowserOnline(isOnline: boolean) {
  Object.defineProperty(navigator, 'onLine', { value: isOnline, configurable: true });
  window.dispatchEvent(new Event(isOnline ? 'online' : 'offline'));
}

const notice = () => document.querySelector('.notice-ok p')?.textContent;

describe('the save notice', () => {
  let registry: TestRegistry;
  beforeAll(async () => (registry = await startRegistryForPhones()));
  afterEach(() => setBrowserOnline(true));
  afterAll(async () => registry?.close());

  it('waits for signal while offline, then says the record reached the office', async () => {
    const phone = await enrolledPhone(registry, '3573011005');
    phone.network.isOffline = true;
    setBrowserOnline(false);
    renderOnPhone(phone, <RegistrationScreen />);
    fillForm(makeFields({ ...uniquePerson(501), fullName: 'Wahyu Hidayat' }));
    clickSave();
    await waitFor(() =>
      expect(notice()).toBe('Tersimpan: Wahyu Hidayat. Data akan terkirim saat ada sinyal.'),
    );

    setBrowserOnline(true);
    await waitFor(() => expect(notice()).toBe('Tersimpan: Wahyu Hidayat. Sedang dikirim ke kantor…'));
    phone.network.isOffline = false;
    await phone.engine.syncOnce();
    await waitFor(() => expect(notice()).toBe('Tersimpan: Wahyu Hidayat. Terkirim ke kantor.'));
    expect(await registry.countRegistrations()).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Lihat data' })).toBeTruthy();
  });

  it('says when the office answered that the record needs attention (a NIK registered already)', async () => {
    const fields = makeFields({ ...uniquePerson(502), fullName: 'Dewi Lestari' });
    await registry.pushFromNewPhone([
      {
        ...fields,
        id: crypto.randomUUID(),
        createdAt: fields.consent.agreedAt,
        updatedAt: fields.consent.agreedAt,
        version: 1,
      },
    ]);
    const phone = await enrolledPhone(registry, '3573011005');
    renderOnPhone(phone, <RegistrationScreen />);
    fillForm(fields);
    clickSave();
    await waitFor(() => expect(notice()).toMatch(/^Tersimpan: Dewi Lestari\./));
    await phone.engine.syncOnce();
    await waitFor(() =>
      expect(notice()).toBe('Tersimpan: Dewi Lestari. Kantor membalas: perlu perhatian, lihat data.'),
    );
  });

  it('on a phone not enrolled yet, says it goes once the phone is enrolled', async () => {
    const phone = phoneOn(registry, openJaringDb(`not-enrolled-${Date.now()}`));
    renderOnPhone(phone, <RegistrationScreen />);
    fillForm(makeFields({ ...uniquePerson(503), fullName: 'Sri Rahayu' }));
    clickSave();
    await waitFor(() =>
      expect(notice()).toBe('Tersimpan: Sri Rahayu. Akan terkirim setelah HP ini didaftarkan (Pengaturan).'),
    );
  });
});
