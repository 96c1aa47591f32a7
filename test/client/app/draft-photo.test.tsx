/**
 * The KTP photo kept with the draft, through the whole app (happy-dom on fake-indexeddb): chosen, the
 * app remounted as after the browser killed the tab while the camera app was open, the photo is
 * offered with the draft and shown again, and the save makes it the record's only photo row; a
 * discarded draft leaves no photo; a full phone says the photo is not kept and the form goes on.
 *
 * happy-dom has no image decoder or canvas, and its Blob does not survive fake-indexeddb's structured
 * clone; so here the decoder and canvas are stand-ins handing back fixed JPEG bytes, and Blob is
 * Node's (which IndexedDB keeps, as a browser does). Real compression and a real reload run in
 * Chromium (test/e2e/ktp-photo.test.ts).
 */
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JaringDb } from '../../../src/client/db';
import { photoBytes, sha256Of } from '../../fixtures/photos';
import { makeFields } from '../../fixtures/registrations';
import { clickSave, fillForm, freshDb, renderApp } from '../helpers/render-app';

const JPEG = photoBytes(21);
const PREVIEW = { name: 'Foto KTP yang akan disimpan' };
/** Generous waits: the compression code loads on first use, on a machine that may be busy. */
const SLOW = { timeout: 5000 };

/** What the phone's canvas would encode: the same JPEG bytes for every photo. */
class StandInCanvas {
  getContext() {
    return { drawImage: () => undefined };
  }
  convertToBlob() {
    return Promise.resolve(new NodeBlob([JPEG], { type: 'image/jpeg' }));
  }
}

beforeEach(() => {
  vi.stubGlobal('Blob', NodeBlob);
  vi.stubGlobal('createImageBitmap', () => Promise.resolve({ width: 4000, height: 3000, close() {} }));
  vi.stubGlobal('OffscreenCanvas', StandInCanvas);
});
afterEach(() => vi.unstubAllGlobals());

const autosaveReady = () =>
  waitFor(() => expect(document.querySelector('form[data-autosave="on"]')).not.toBeNull(), SLOW);

async function choosePhoto(): Promise<void> {
  const input = await screen.findByTestId('ktp-photo-input', {}, SLOW);
  const file = new File(['from the camera'], 'IMG_0001.jpg', { type: 'image/jpeg' });
  fireEvent.change(input, { target: { files: [file] } });
  await screen.findByRole('img', PREVIEW, SLOW);
}

const draftPhotoRow = (db: JaringDb) => db.photos.get('draft/new');

describe('the KTP photo kept with the draft', () => {
  it('is back after the tab was killed, and the save makes it the record’s only photo', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    await choosePhoto();
    await waitFor(async () => expect((await draftPhotoRow(db))?.state).toBe('draft'), SLOW);
    first.unmount();

    renderApp({ db });
    expect(await screen.findByText('Foto KTP yang sudah diambil ikut tersimpan.', {}, SLOW)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lanjutkan' }));
    expect(await screen.findByRole('img', PREVIEW, SLOW)).toBeTruthy();
    fillForm(makeFields());
    clickSave();

    await waitFor(async () => expect(await db.registrations.count()).toBe(1), SLOW);
    const [record] = await db.registrations.toArray();
    const sha256 = sha256Of(JPEG);
    expect(record && 'ktpPhoto' in record && record.ktpPhoto?.sha256).toBe(sha256);
    const rows = await db.photos.toArray();
    expect(rows.map(({ id, state }) => ({ id, state }))).toEqual([
      { id: `${record!.id}/${sha256}`, state: 'waiting' },
    ]);
    expect(await db.drafts.count()).toBe(0);
  });

  it('goes with the draft the volunteer discards', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    await choosePhoto();
    await waitFor(async () => expect(await draftPhotoRow(db)).toBeDefined(), SLOW);
    first.unmount();

    renderApp({ db });
    fireEvent.click(await screen.findByRole('button', { name: 'Buang' }, SLOW));
    await autosaveReady();
    expect(screen.queryByRole('img', PREVIEW)).toBeNull();
    expect(await db.photos.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
  });

  it('goes when it is removed from a form with nothing else typed: an emptied form has no draft', async () => {
    const db = freshDb();
    renderApp({ db });
    await autosaveReady();
    await choosePhoto();
    await waitFor(async () => expect(await draftPhotoRow(db)).toBeDefined(), SLOW);
    fireEvent.click(screen.getByRole('button', { name: 'Hapus foto' }));
    await waitFor(async () => expect(await db.photos.count()).toBe(0), SLOW);
    await waitFor(async () => expect(await db.drafts.count()).toBe(0), SLOW);
  });

  it('that the full phone cannot keep is said, and the record is still saved', async () => {
    const db = freshDb();
    db.photos.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    renderApp({ db });
    await autosaveReady();
    await choosePhoto();
    expect(await screen.findByText(/Memori HP penuh: foto belum tersimpan di HP/, {}, SLOW)).toBeTruthy();
    fillForm(makeFields());
    clickSave();
    expect(
      await screen.findByText('Foto tidak tersimpan: memori penuh; data tetap tersimpan.', {}, SLOW),
    ).toBeTruthy();
    expect(await db.registrations.count()).toBe(1);
    expect(await db.photos.count()).toBe(0);
  });
});
