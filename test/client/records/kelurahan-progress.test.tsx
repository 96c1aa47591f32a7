/**
 * The records screen shows the phone's kelurahan figures from a real registry — "Dinoyo: 412 dari
 * 1.200 — 68 lagi menuju 40%" with when they came — keeps the last known ones offline and after a
 * reload, and keeps its box one size from the first paint on.
 */
import { screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJaringDb } from '../../../src/client/db';
import { RecordsScreen } from '../../../src/client/records/RecordsScreen';
import { importCovered } from '../../../src/server/services/covered-import';
import { setCoverageTarget } from '../../../src/server/services/coverage-data';
import { makeRegistration, NOW, uniquePerson } from '../../fixtures/registrations';
import type { TestRegistry } from '../../helpers/registry';
import { enrolledPhone, phoneOn, renderOnPhone, startRegistryForPhones } from '../helpers/phone-and-registry';

const DINOYO = '3573051004';
const HOUR = 3_600_000;

const progressBox = () => document.querySelector<HTMLElement>('.kelurahan-progress');

describe('kelurahan figures on the records screen', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistryForPhones();
    const { db } = registry.app.registry.store;
    await setCoverageTarget(db, NOW, 'test', DINOYO, { estimatedWorkers: 1_200, targetPercent: 40 });
    // 410 peserta lama and 2 new registrations: 412, as Kantor counts them.
    const rows = Array.from({ length: 410 }, (_, i) => ({
      nik: uniquePerson(20_000 + i).nik,
      fullName: `Peserta ${i}`,
      kelurahan: 'Dinoyo',
    }));
    await importCovered(registry.app.registry.store, new Date(NOW), 'test', {
      fileName: 'bpjs.xlsx',
      rows,
      dryRun: false,
    });
    const address = { street: 'Jl. MT Haryono 3', rt: '001', rw: '002', kelurahanKode: DINOYO };
    await registry.pushFromNewPhone([1, 2].map((n) => makeRegistration({ ...uniquePerson(n), address })));
  });
  afterAll(async () => registry?.close());

  it('says the figures come with the first sync, then shows them after it, in one box size', async () => {
    const phone = await enrolledPhone(registry, DINOYO);
    const { db } = phone;
    // As on a phone that enrolled but never pulled (enrolling ran a first sync here).
    await db.meta.bulkDelete(['sync.kelurahanProgress', 'sync.lastSuccessAt']);
    renderOnPhone(phone, <RecordsScreen />);
    expect(await screen.findByText(/tampil setelah HP tersinkron/)).toBeTruthy();
    const classBefore = progressBox()?.className;

    await phone.engine.syncOnce();
    expect(await screen.findByText('Dinoyo: 412 dari 1.200 — 68 lagi menuju 40%')).toBeTruthy();
    expect(screen.getByText('diperbarui baru saja')).toBeTruthy();
    // The same box (its height is fixed in CSS), so the counters and the list below do not move.
    expect(progressBox()?.className).toBe(classBefore);
    expect(screen.getByRole('region', { name: 'Capaian kelurahan' })).toBeTruthy();
  });

  it('offline and after a reload, shows the last known figures with their time', async () => {
    const phone = await enrolledPhone(registry, DINOYO);
    await phone.engine.syncOnce();
    phone.engine.stop();
    phone.db.close();

    // Two hours later, no signal, the app opened again on the same database.
    const reopened = phoneOn(registry, openJaringDb(phone.db.name));
    reopened.clock.ms = Date.parse(NOW) + 2 * HOUR;
    reopened.network.isOffline = true;
    expect((await reopened.engine.syncOnce()).kind).toBe('failed');
    renderOnPhone(reopened, <RecordsScreen />);
    expect(await screen.findByText('Dinoyo: 412 dari 1.200 — 68 lagi menuju 40%')).toBeTruthy();
    expect(screen.getByText('diperbarui 2 jam lalu')).toBeTruthy();
  });

  it('in English, and when the target is reached or there is no estimate', async () => {
    const phone = await enrolledPhone(registry, DINOYO);
    await phone.engine.syncOnce();
    renderOnPhone(phone, <RecordsScreen />, 'en');
    expect(await screen.findByText('Dinoyo: 412 of 1,200 — 68 more to reach 40%')).toBeTruthy();

    await setCoverageTarget(registry.app.registry.store.db, NOW, 'test', DINOYO, {
      estimatedWorkers: 1_000,
      targetPercent: 40,
    });
    await phone.engine.syncOnce();
    await waitFor(() => expect(screen.getByText('Dinoyo: 412 of 1,000 — 40% target reached')).toBeTruthy());
  });

  it('says so for a phone enrolled for no one kelurahan, once it has synced', async () => {
    const phone = await enrolledPhone(registry); // enrolling ran a first sync
    renderOnPhone(phone, <RecordsScreen />);
    expect(await screen.findByText(/tidak terdaftar untuk satu kelurahan/)).toBeTruthy();
    expect(screen.queryByText(/tampil setelah HP tersinkron/)).toBeNull();
  });
});
