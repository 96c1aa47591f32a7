/**
 * The receipt screen from the phone's database: what the worker may see (name, masked NIK, kelurahan,
 * programme, who pays, the WIB date, the code, the status, the JKM line) and nothing more; reached from
 * the record's detail; and a clear message where the phone cannot draw the image (happy-dom has no
 * canvas, as some old WebViews).
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { receiptCode } from '../../../src/shared/receipt';
import { makeFields, uniquePerson } from '../../fixtures/registrations';
import { freshDb, renderApp, seedRecord } from '../helpers/render-app';

describe('receipt', () => {
  it('shows what the worker needs and no more, with the status once known', async () => {
    const db = freshDb();
    const fields = makeFields({ ...uniquePerson(7), fullName: 'Siti Aminah', phone: '+6281234567890' });
    const record = await seedRecord(db, fields);
    await db.registrations.update(record.id, { createdAt: '2026-11-22T18:30:00.000Z' });
    renderApp({ db, hash: `#/data/${record.id}/bukti` });

    const card = await screen.findByRole('article', { name: 'Bukti pendaftaran BPJS Ketenagakerjaan' });
    const text = card.textContent ?? '';
    expect(text).toContain('Siti Aminah');
    expect(text).toContain(`${record.nik.slice(0, 4)} •••• •••• ${record.nik.slice(12)}`);
    expect(text).not.toContain(record.nik);
    expect(text).not.toContain('81234567890'); // no phone number
    expect(text).not.toContain(fields.heir.name);
    expect(text).toContain('JKK + JKM');
    expect(text).toContain('APBD (Pemkot)');
    expect(text).toContain('23 November 2026'); // 01:30 WIB on the 23rd, not the UTC day
    expect(text).toContain(receiptCode(record.id));
    expect(text).toContain('Rp42.000.000');
    expect(text).toContain('belum terkirim ke kantor');
    expect(screen.getByRole('img', { name: `Kode QR pendaftaran ${receiptCode(record.id)}` })).toBeTruthy();

    await db.registrations.update(record.id, { syncState: 'verified', serverStatus: 'verified' });
    await waitFor(() => expect(card.textContent).toContain('Terverifikasi oleh kantor'));
  });

  it('is reached from the record, and says so when the image cannot be made', async () => {
    const db = freshDb();
    const record = await seedRecord(db, makeFields({ ...uniquePerson(8), fullName: 'Budi Santoso' }));
    renderApp({ db, hash: `#/data/${record.id}` });
    const link = await screen.findByRole('link', { name: 'Bukti pendaftaran' });
    expect(link.getAttribute('href')).toBe(`#/data/${record.id}/bukti`);

    renderApp({ db, hash: `#/data/${record.id}/bukti` });
    fireEvent.click(await screen.findByRole('button', { name: 'Simpan gambar' }));
    await waitFor(() => expect(screen.getByText(/Gambar bukti tidak bisa dibuat di HP ini/)).toBeTruthy());
  });
});
