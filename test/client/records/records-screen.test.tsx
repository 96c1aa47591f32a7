import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeFields, uniquePerson } from '../../fixtures/registrations';
import { choose, freshDb, renderApp, seedRecord } from '../helpers/render-app';

const names = () =>
  screen.queryAllByRole('listitem').map((li) => li.querySelector('.record-name')?.textContent);

describe('records list', () => {
  it('searches by name or NIK prefix and filters by kelurahan and state', async () => {
    const db = freshDb();
    const siti = await seedRecord(db, makeFields({ ...uniquePerson(1), fullName: 'Siti Aminah' }));
    await seedRecord(
      db,
      makeFields({
        ...uniquePerson(2),
        fullName: 'Budi Santoso',
        address: { street: 'Jl. Ijen 1', rt: '001', rw: '002', kelurahanKode: '3573021001' },
      }),
    );
    await db.registrations.update(siti.id, { syncState: 'verified' });
    renderApp({ db, hash: '#/data' });
    await waitFor(() => expect(names()).toHaveLength(2));
    await waitFor(() => expect(screen.getByText('Belum terkirim').nextElementSibling?.textContent).toBe('1'));

    fireEvent.input(screen.getByLabelText('Cari nama atau NIK'), { target: { value: 'sant' } });
    await waitFor(() => expect(names()).toEqual(['Budi Santoso']));
    fireEvent.input(screen.getByLabelText('Cari nama atau NIK'), { target: { value: siti.nik } });
    await waitFor(() => expect(names()).toEqual(['Siti Aminah']));
    fireEvent.input(screen.getByLabelText('Cari nama atau NIK'), { target: { value: '' } });

    choose('Status', 'verified');
    await waitFor(() => expect(names()).toEqual(['Siti Aminah']));
    choose('Status', '');
    choose('Kelurahan', '3573021001');
    await waitFor(() => expect(names()).toEqual(['Budi Santoso']));
  });

  it('opens a record with its badge and an edit link', async () => {
    const db = freshDb();
    const record = await seedRecord(db);
    renderApp({ db, hash: `#/data/${record.id}` });
    expect(await screen.findByRole('heading', { name: 'Siti Aminah' })).toBeTruthy();
    expect(screen.getByText('Menunggu')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ubah data' }).getAttribute('href')).toBe(
      `#/data/${record.id}/ubah`,
    );
  });
});

describe('a record the office has (slimmed on the phone)', () => {
  it('shows what is kept, says the rest is at the office, and offers no edit', async () => {
    const db = freshDb();
    const record = await seedRecord(db, makeFields({ ...uniquePerson(3), fullName: 'Parmi Lestari' }));
    const { slimmed } = await import('../../../src/client/db/slim');
    await db.registrations.put(slimmed({ ...record, syncState: 'verified' }, '2026-11-24T00:00:00.000Z'));
    renderApp({ db, hash: `#/data/${record.id}` });
    await screen.findByRole('heading', { name: 'Parmi Lestari' });
    expect(screen.getByText(`•••• •••• •••• ${record.nik.slice(-4)}`)).toBeTruthy();
    expect(screen.getByText(/Data lengkap orang ini ada di kantor/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Ubah/ })).toBeNull();
    expect(document.body.textContent).not.toContain(record.nik);
    expect(document.body.textContent).not.toContain(record.address.street);
  });

  it('lists it with the NIK’s last four digits only, and the edit screen refuses it', async () => {
    const db = freshDb();
    const record = await seedRecord(db, makeFields({ ...uniquePerson(4), fullName: 'Tumini Rahayu' }));
    const { slimmed } = await import('../../../src/client/db/slim');
    await db.registrations.put(slimmed({ ...record, syncState: 'verified' }, '2026-11-24T00:00:00.000Z'));
    const view = renderApp({ db, hash: '#/data' });
    await waitFor(() => expect(names()).toEqual(['Tumini Rahayu']));
    expect(screen.getByRole('listitem').textContent).toContain(`•••• ${record.nik.slice(-4)}`);
    expect(screen.getByRole('listitem').textContent).not.toContain(record.nik);
    view.unmount();
    renderApp({ db, hash: `#/data/${record.id}/ubah` });
    await screen.findByText(/tidak bisa diubah di HP/);
  });
});
