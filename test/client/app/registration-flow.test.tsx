import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { countRegistrations, findByNik, getRegistration } from '../../../src/client/db';
import { makeFields, TODAY, VALID_NIK } from '../../fixtures/registrations';
import { clickSave, fillForm, renderApp, seedRecord, typeInto } from '../helpers/render-app';

describe('registering a person', () => {
  it('shows errors on save, then saves once they are fixed, and the record appears in the list', async () => {
    const { db } = renderApp();
    clickSave();
    expect(await screen.findByText(/isian yang perlu diperbaiki/)).toBeTruthy();
    expect(screen.getByText('NIK wajib diisi.')).toBeTruthy();
    expect(screen.getByText('Persetujuan peserta wajib sebelum data disimpan.')).toBeTruthy();
    expect((await countRegistrations(db, TODAY)).total).toBe(0);

    fillForm();
    typeInto('RT', '0');
    expect(screen.getByText('RT/RW berupa angka 1–3 digit, bukan 000.')).toBeTruthy();
    typeInto('RT', '3');
    clickSave();

    expect(await screen.findByText(/Tersimpan: Siti Aminah/)).toBeTruthy();
    const saved = await findByNik(db, VALID_NIK);
    expect(saved).toMatchObject({ fullName: 'Siti Aminah', version: 1, syncState: 'pending' });
    expect(saved).toMatchObject({ address: { rt: '003' } });
    expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe(''); // ready for the next person

    window.location.hash = '#/data';
    const row = await screen.findByRole('link', { name: /Siti Aminah/ });
    expect(row.textContent).toContain('Menunggu');
    await waitFor(() => expect(screen.getByText('Total').nextElementSibling?.textContent).toBe('1'));
  });

  it('shows field errors as one types once the field was left', async () => {
    renderApp();
    const nik = screen.getByLabelText('NIK');
    fireEvent.input(nik, { target: { value: '3573' } });
    expect(screen.queryByText('NIK harus 16 digit.')).toBeNull(); // not touched yet
    fireEvent.blur(nik);
    expect(screen.getByText('NIK harus 16 digit.')).toBeTruthy();
    fireEvent.input(nik, { target: { value: VALID_NIK } });
    expect(screen.queryByText('NIK harus 16 digit.')).toBeNull();
    expect(nik.getAttribute('inputmode')).toBe('numeric');
  });

  it('stops a NIK already on this phone, with a link to that record', async () => {
    const { db } = renderApp();
    const existing = await seedRecord(db, makeFields({ fullName: 'Siti Lama' }));
    fillForm(makeFields({ fullName: 'Siti Baru' }));
    clickSave();
    expect(await screen.findByText('NIK ini sudah terdaftar di HP ini atas nama Siti Lama.')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Buka data Siti Lama' });
    expect(link.getAttribute('href')).toBe(`#/data/${existing.id}`);
    expect((await countRegistrations(db, TODAY)).total).toBe(1);
    expect((screen.getByLabelText('Nama lengkap') as HTMLInputElement).value).toBe('Siti Baru');
  });

  it('keeps what was typed and says so plainly when storage fails', async () => {
    const { db } = renderApp();
    await db.open();
    fillForm();
    db.close({ disableAutoOpen: true });
    clickSave();
    expect(await screen.findByText(/Penyimpanan ditutup/)).toBeTruthy();
    expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe(VALID_NIK);
  });

  it('edits a saved record: a new version, queued again, opened after saving', async () => {
    const { db } = renderApp({ hash: '#/data' });
    const record = await seedRecord(db);
    window.location.hash = `#/data/${record.id}/ubah`;
    const name = await screen.findByLabelText('Nama lengkap');
    expect((name as HTMLInputElement).value).toBe('Siti Aminah');
    typeInto('Nama lengkap', 'Siti Aminah Rahayu');
    clickSave();
    await waitFor(() => expect(window.location.hash).toBe(`#/data/${record.id}`));
    expect(await screen.findByRole('heading', { name: 'Siti Aminah Rahayu' })).toBeTruthy();
    expect(await getRegistration(db, record.id)).toMatchObject({
      version: 2,
      fullName: 'Siti Aminah Rahayu',
    });
  });
});
