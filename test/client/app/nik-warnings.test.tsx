import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { countRegistrations, findByNik } from '../../../src/client/db';
import { makeFields, TODAY, VALID_NIK } from '../../fixtures/registrations';
import { clickSave, fillForm, renderApp, typeInto } from '../helpers/render-app';

describe('what the NIK says', () => {
  it('shows the birth date and gender read from the NIK and can fill them in', async () => {
    renderApp();
    typeInto('NIK', VALID_NIK);
    expect(screen.getByText('Dari NIK: perempuan, lahir 17-08-1975')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Isi dari NIK' }));
    expect((screen.getByLabelText('Tanggal lahir') as HTMLInputElement).value).toBe('1975-08-17');
    expect((screen.getByLabelText('Perempuan') as HTMLInputElement).checked).toBe(true);
  });

  it('warns on a birth date or gender that differs from the NIK, and saves only once confirmed', async () => {
    const { db } = renderApp();
    fillForm(makeFields({ birthDate: '1975-08-18', gender: 'L' }));
    expect(screen.getByText(/Tanggal lahir berbeda dengan yang tercantum di NIK/)).toBeTruthy();
    expect(screen.getByText(/Jenis kelamin berbeda dengan yang tercantum di NIK/)).toBeTruthy();

    clickSave();
    expect(await screen.findByText(/peringatan yang belum dikonfirmasi/)).toBeTruthy();
    expect((await countRegistrations(db, TODAY)).total).toBe(0);

    for (const box of screen.getAllByLabelText('Sudah diperiksa, tetap simpan')) fireEvent.click(box);
    clickSave();
    expect(await screen.findByText(/Tersimpan/)).toBeTruthy();
    expect(await findByNik(db, VALID_NIK)).toMatchObject({ birthDate: '1975-08-18', gender: 'L' });
  });

  it('warns, without blocking, when the NIK was issued outside Kota Malang', async () => {
    const { db } = renderApp();
    const outsideNik = '3507015708750001'; // Kabupaten Malang
    fillForm(makeFields({ nik: outsideNik }));
    expect(screen.getByText(/NIK diterbitkan di luar Kota Malang/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Sudah diperiksa, tetap simpan'));
    clickSave();
    expect(await screen.findByText(/Tersimpan/)).toBeTruthy();
    expect(await findByNik(db, outsideNik)).toBeDefined();
  });
});
