/**
 * The KTP photo on the phone's screens (happy-dom: no canvas, so compression itself is tested in
 * Chromium, scenario 15): the form offers the camera, a file it cannot read says so and saves nothing;
 * a saved record's detail says whether its photo waits, was refused (with the reason) or is at the
 * office; a save whose photo the phone could not store says that the record is saved.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { saveNewRegistration, setMeta, type JaringDb } from '../../../src/client/db';
import { SaveNotice } from '../../../src/client/form/SaveNotice';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';
import { ServicesContext } from '../../../src/client/shell/services';
import { clickSave, fillForm, freshDb, makeServices, renderApp } from '../helpers/render-app';

async function seedWithPhoto(db: JaringDb, n: number) {
  const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, n]);
  const photo = {
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    sha256: String(n).repeat(64).slice(0, 64),
    type: 'image/jpeg' as const,
  };
  const result = await saveNewRegistration(
    db,
    makeFields(uniquePerson(n)),
    { now: new Date(NOW), newId: () => crypto.randomUUID() },
    photo,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.record;
}

describe('the KTP photo on the phone', () => {
  it('offers the camera, and a file it cannot read is said so', async () => {
    renderApp();
    const input = (await screen.findByTestId('ktp-photo-input')) as HTMLInputElement;
    expect(input.accept).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(screen.getByText('Ambil foto KTP')).toBeTruthy();
    const file = new File(['bukan foto'], 'catatan.txt', { type: 'text/plain' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText('Foto tidak bisa dibaca. Coba ambil ulang.')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Foto KTP/ })).toBeNull();
  });

  it('the detail says a photo waits, or why the registry refused it', async () => {
    const db = freshDb();
    const waiting = await seedWithPhoto(db, 1);
    const refused = await seedWithPhoto(db, 2);
    await db.photos
      .where('recordId')
      .equals(refused.id)
      .modify({ state: 'rejected', rejection: 'too_large' });
    const { unmount } = renderApp({ db, hash: `#/data/${waiting.id}` });
    expect(await screen.findByText(/Foto KTP menunggu dikirim/)).toBeTruthy();
    unmount();
    renderApp({ db, hash: `#/data/${refused.id}` });
    expect(await screen.findByText('Foto ditolak: terlalu besar. Ambil ulang foto.')).toBeTruthy();
  });

  it('the detail says the office has the photo once the phone let it go', async () => {
    const db = freshDb();
    const record = await seedWithPhoto(db, 3);
    await db.photos.clear();
    renderApp({ db, hash: `#/data/${record.id}` });
    expect(await screen.findByText('Foto KTP sudah diterima kantor.')).toBeTruthy();
  });

  it('asks for the photo when the office requires it, and saves nothing without one', async () => {
    const db = freshDb();
    await setMeta(db, 'office.requireKtpPhoto', true);
    renderApp({ db });
    await screen.findByText('(wajib)');
    fillForm(makeFields(uniquePerson(4)));
    clickSave();
    expect(
      await screen.findByText('Kantor mewajibkan foto KTP. Ambil foto KTP dulu, lalu simpan.'),
    ).toBeTruthy();
    expect(document.activeElement?.id).toBe('ktp-photo');
    expect(await db.registrations.count()).toBe(0);
  });

  it('an edit of a record that has its photo needs no new one, even when required', async () => {
    const db = freshDb();
    const record = await seedWithPhoto(db, 5);
    await setMeta(db, 'office.requireKtpPhoto', true);
    renderApp({ db, hash: `#/data/${record.id}/ubah` });
    await screen.findByText('(wajib)');
    await screen.findByText('Ambil ulang foto'); // the record's photo is known
    clickSave();
    await waitFor(async () => expect((await db.registrations.get(record.id))?.version).toBe(2));
  });

  it('a save whose photo did not fit says the record is saved', async () => {
    render(
      <ServicesContext.Provider value={makeServices(freshDb())}>
        <SaveNotice outcome={{ kind: 'saved', id: 'x', name: 'Siti', photoError: 'quota' }} />
      </ServicesContext.Provider>,
    );
    await waitFor(() =>
      expect(screen.getByText('Foto tidak tersimpan: memori penuh; data tetap tersimpan.')).toBeTruthy(),
    );
  });
});
