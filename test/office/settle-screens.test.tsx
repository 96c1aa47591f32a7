/** Data ganda and Peserta lama against a real registry: a pair settled from the screen; a BPJS list read, checked and imported. */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoveredScreen } from '../../src/office/screens/covered/CoveredScreen';
import { DuplicatesScreen } from '../../src/office/screens/DuplicatesScreen';
import type { Me } from '../../src/shared/accounts';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';
import { pushFromPhone, renderScreen, signIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
let admin: Me;
beforeAll(async () => {
  registry = await startKantorRegistry();
  admin = await signIn(registry, 'admin');
});
afterAll(async () => registry?.close());

it('Data ganda: shows the pair with the differing name marked, and settles it as the same person', async () => {
  const person = uniquePerson(501);
  await pushFromPhone(registry, [makeRegistration({ ...person, fullName: 'Sumiati' })]);
  const { results } = await pushFromPhone(registry, [makeRegistration({ ...person, fullName: 'Sumiyati' })]);
  expect(results[0]?.outcome).toBe('duplicate_nik');
  renderScreen(admin, <DuplicatesScreen />);
  const region = await screen.findByRole('region', { name: 'Sumiyati' });
  await waitFor(() => expect(region.querySelectorAll('.k-differs').length).toBe(2)); // the name, on both sides
  fireEvent.click(screen.getByRole('button', { name: /^Orang yang sama/ }));
  await screen.findByText('Tidak ada data ganda yang menunggu.');
  const [attempt] = await registry.query<{ resolution: string }>('select resolution from duplicate_attempts');
  expect(attempt?.resolution).toBe('same_person');
});

function chooseFile(text: string, name: string) {
  const input = screen.getByLabelText(/Berkas daftar BPJS/) as HTMLInputElement;
  Object.defineProperty(input, 'files', {
    configurable: true,
    value: [new File([text], name, { type: 'text/csv' })],
  });
  fireEvent.change(input);
}

it('Peserta lama: reads a semicolon CSV, guesses the columns, lists a bad row, then imports the corrected list', async () => {
  renderScreen(admin, <CoveredScreen />);
  await screen.findByText('Sudah dimuat: 0 orang');
  const good = [uniquePerson(601).nik, uniquePerson(602).nik].map((nik, i) => `${nik};Peserta ${i};Blimbing`);
  chooseFile(['No KTP;Nama Peserta;Kelurahan', ...good, '3573;Salah;Blimbing'].join('\n'), 'bpjs.csv');
  await waitFor(() => expect((screen.getByLabelText('Kolom NIK') as HTMLSelectElement).value).toBe('0'));
  fireEvent.click(screen.getByRole('button', { name: 'Periksa semua baris' }));
  await screen.findByText(/1 baris salah/);
  expect(screen.getByText('NIK harus 16 digit.')).toBeTruthy();
  expect((screen.getByRole('button', { name: /^Impor/ }) as HTMLButtonElement).disabled).toBe(true);

  chooseFile(['No KTP;Nama Peserta;Kelurahan', ...good].join('\n'), 'bpjs.csv');
  await waitFor(() => expect(screen.queryByRole('cell', { name: 'Salah' })).toBeNull()); // the new file is read
  fireEvent.click(screen.getByRole('button', { name: 'Periksa semua baris' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Impor 2 orang' }));
  await screen.findByText('2 orang dimuat. Cakupan sudah diperbarui.');
  await screen.findByText('Sudah dimuat: 2 orang');
});
