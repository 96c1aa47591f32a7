/**
 * The form catches mistakes while the volunteer is still at the field: a NIK already on this phone is
 * flagged at its 16th digit, a wrong birth date is fixed from the NIK in one tap, the keyboard's Enter
 * moves to the next field instead of saving half a form, a save with mistakes is announced once with a
 * way to each field, and a refused save takes the focus.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeFields, VALID_NIK } from '../../fixtures/registrations';
import { clickSave, fillForm, renderApp, seedRecord, typeInto } from '../helpers/render-app';

describe('catching mistakes early', () => {
  it('flags a NIK already on this phone as soon as the 16th digit is typed', async () => {
    const { db } = renderApp();
    const existing = await seedRecord(db, makeFields({ fullName: 'Siti Lama' }));
    typeInto('NIK', VALID_NIK.slice(0, 15));
    expect(screen.queryByText(/sudah terdaftar di HP ini/)).toBeNull();
    typeInto('NIK', VALID_NIK);
    const link = await screen.findByRole('link', { name: 'Buka data Siti Lama' });
    expect(link.getAttribute('href')).toBe(`#/data/${existing.id}`);
    typeInto('NIK', VALID_NIK.slice(0, 15));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Buka data Siti Lama' })).toBeNull());
  });

  it('does not flag the record being edited with its own NIK', async () => {
    const { db } = renderApp();
    const record = await seedRecord(db, makeFields({ fullName: 'Siti Aminah' }));
    window.location.hash = `#/data/${record.id}/ubah`;
    await waitFor(() => expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe(VALID_NIK));
    typeInto('Tempat lahir', 'Batu');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText(/sudah terdaftar di HP ini/)).toBeNull();
  });

  it('offers the birth date the NIK encodes when the typed one disagrees', () => {
    renderApp();
    typeInto('NIK', VALID_NIK); // born 17-08-1975, a woman
    fireEvent.click(screen.getByLabelText('Perempuan'));
    typeInto('Tanggal lahir', '1975-08-18');
    fireEvent.click(screen.getByRole('button', { name: 'Pakai tanggal dari NIK' }));
    expect((screen.getByLabelText('Tanggal lahir') as HTMLInputElement).value).toBe('1975-08-17');
    expect(screen.queryByRole('button', { name: 'Pakai tanggal dari NIK' })).toBeNull();
  });

  it("moves to the next field on the keyboard's Enter instead of saving", () => {
    renderApp();
    const nik = screen.getByLabelText('NIK');
    expect(nik.getAttribute('enterkeyhint')).toBe('next');
    expect(screen.getByLabelText('Nama lengkap').getAttribute('autocapitalize')).toBe('words');
    nik.focus();
    fireEvent.keyDown(nik, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByLabelText('Nama lengkap'));
    expect(screen.queryByText(/isian yang perlu diperbaiki/)).toBeNull();
  });

  it('picks the only kelurahan left on Enter in its search', () => {
    renderApp();
    const search = screen.getByLabelText('Kelurahan');
    fireEvent.input(search, { target: { value: 'tlogomas' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByRole('button', { name: 'Ganti' })).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByText(/Tlogomas/)).toBeTruthy();
  });

  it('announces an empty save once, with a button to each field that needs a fix', () => {
    renderApp();
    clickSave();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toMatch(/Ada \d+ isian yang perlu diperbaiki/);
    expect(document.activeElement).toBe(screen.getByLabelText('NIK'));
    fireEvent.click(screen.getByRole('button', { name: 'Nama ahli waris' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Nama ahli waris'));
    expect(screen.getByText('NIK wajib diisi.')).toBeTruthy(); // still shown at the field
  });

  it('moves the focus to the reason when a save is refused', async () => {
    const { db } = renderApp();
    await seedRecord(db, makeFields({ fullName: 'Siti Lama' }));
    fillForm(makeFields({ fullName: 'Siti Baru' }));
    clickSave();
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('NIK ini sudah terdaftar di HP ini atas nama Siti Lama.');
    expect(document.activeElement).toBe(refusal);
  });
});
