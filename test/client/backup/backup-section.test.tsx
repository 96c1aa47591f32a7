/**
 * Pengaturan's backup section as the volunteer uses it: the passphrase rules on saving, the file
 * downloaded where the phone cannot share files, and that file restored on another phone with the
 * result in words ("2 data dipulihkan, 0 sudah ada") or the reason it was refused.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupSection } from '../../../src/client/backup/BackupSection';
import { storeCredentials } from '../../../src/client/sync/device-credentials';
import { NOW } from '../../fixtures/registrations';
import { makeSyncFixture, renderWithSync, seedSaved, type SyncFixture } from '../sync/render-sync';

const PASS = 'kunci rahasia 2026';
let phone: SyncFixture;
/** The files the app handed to the browser's download. */
let downloads: File[];

beforeEach(async () => {
  phone = makeSyncFixture();
  await storeCredentials(phone.db, {
    deviceId: 'a',
    token: 't'.repeat(43),
    enrolledAt: NOW,
    kelurahanKode: '3573011005',
  });
  downloads = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (downloads.push(blob as File), 'blob:x'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await phone.db.delete();
});

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

async function openSave() {
  renderWithSync(phone, <BackupSection />);
  fireEvent.click(screen.getByRole('button', { name: 'Simpan cadangan' }));
}

describe('Simpan cadangan', () => {
  it.each([
    ['pendek', 'pendek', 'Kata sandi minimal 8 karakter.'],
    [PASS, `${PASS}!`, 'Kedua kata sandi tidak sama.'],
  ])('refuses %j / %j: %s', async (first, second, message) => {
    await seedSaved(phone.db, 1);
    await openSave();
    type('Kata sandi cadangan', first);
    type('Ulangi kata sandi', second);
    fireEvent.click(screen.getByRole('button', { name: 'Buat berkas cadangan' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(downloads).toEqual([]);
  });

  it('says so when the office has every record', async () => {
    await openSave();
    type('Kata sandi cadangan', PASS);
    type('Ulangi kata sandi', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Buat berkas cadangan' }));
    expect(await screen.findByText(/Tidak ada data yang perlu dicadangkan/)).toBeTruthy();
    expect(downloads).toEqual([]);
  });

  it('downloads the file, which another phone of the kelurahan restores', async () => {
    await seedSaved(phone.db, 2);
    await openSave();
    type('Kata sandi cadangan', PASS);
    type('Ulangi kata sandi', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Buat berkas cadangan' }));
    expect(
      await screen.findByText(/Cadangan 2 data disimpan sebagai jaring-cadangan-3573011005-/),
    ).toBeTruthy();
    expect(downloads).toHaveLength(1);
    expect((screen.getByLabelText('Kata sandi cadangan') as HTMLInputElement).value).toBe('');

    const other = makeSyncFixture();
    await storeCredentials(other.db, {
      deviceId: 'b',
      token: 'u'.repeat(43),
      enrolledAt: NOW,
      kelurahanKode: '3573011005',
    });
    document.body.innerHTML = '';
    renderWithSync(other, <BackupSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Pulihkan cadangan' }));
    fireEvent.change(screen.getByLabelText('Berkas cadangan (.jaring)'), { target: { files: downloads } });
    type('Kata sandi cadangan', 'bukan sandinya');
    fireEvent.click(screen.getByRole('button', { name: 'Pulihkan data' }));
    expect(await screen.findByText(/Kata sandi salah/)).toBeTruthy();
    expect(await other.db.registrations.count()).toBe(0);

    type('Kata sandi cadangan', PASS);
    fireEvent.click(screen.getByRole('button', { name: 'Pulihkan data' }));
    expect(await screen.findByText('2 data dipulihkan, 0 sudah ada')).toBeTruthy();
    await waitFor(async () => expect(await other.db.outbox.count()).toBe(2));
    await other.db.delete();
  });
});

describe('over plain http', () => {
  it('says the backup needs the https:// address and offers neither button', async () => {
    vi.stubGlobal('isSecureContext', false); // what a phone on http://<office PC>:8080 reports
    renderWithSync(phone, <BackupSection />);
    expect(screen.getByText(/lewat alamat https:\/\//)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Simpan cadangan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Pulihkan cadangan' })).toBeNull();
    vi.unstubAllGlobals();
  });
});
