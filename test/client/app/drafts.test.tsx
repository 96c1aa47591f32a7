import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { loadDraft } from '../../../src/client/db';
import { flushDrafts, hasUnsavedDraft, isDraftScheduled } from '../../../src/client/drafts/draft-autosave';
import { VALID_NIK } from '../../fixtures/registrations';
import { clickSave, fillForm, freshDb, renderApp, typeInto } from '../helpers/render-app';

/** The form looked for a stored draft and autosaves from now on. */
const autosaveReady = () =>
  waitFor(() => expect(document.querySelector('form[data-autosave="on"]')).not.toBeNull());

const draftOf = (db: Parameters<typeof loadDraft>[0]) => loadDraft(db, 'new');

describe('drafts', () => {
  it('persists typing within a second and offers to continue it after the app restarts', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    typeInto('NIK', VALID_NIK);
    typeInto('Nama lengkap', 'Siti Aminah');
    await waitFor(async () => expect((await draftOf(db))?.values.fullName).toBe('Siti Aminah'));
    first.unmount();

    renderApp({ db });
    expect(await screen.findByText(/belum disimpan untuk Siti Aminah/)).toBeTruthy();
    expect(screen.queryByLabelText('NIK')).toBeNull(); // nothing to type over until a choice is made
    fireEvent.click(screen.getByRole('button', { name: 'Lanjutkan' }));
    expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe(VALID_NIK);
    expect((screen.getByLabelText('Nama lengkap') as HTMLInputElement).value).toBe('Siti Aminah');
  });

  it('keeps no draft of a form emptied by hand, so a restart offers nothing', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    typeInto('NIK', VALID_NIK);
    await waitFor(async () => expect((await draftOf(db))?.values.nik).toBe(VALID_NIK));
    typeInto('NIK', '');
    await waitFor(async () => expect(await draftOf(db)).toBeUndefined());
    await flushDrafts();
    first.unmount();

    renderApp({ db });
    await autosaveReady();
    expect(screen.queryByRole('button', { name: 'Lanjutkan' })).toBeNull();
    expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe('');
  });

  it('asks about a draft once per app start, not again after going to Data and back', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    typeInto('NIK', VALID_NIK);
    typeInto('Nama lengkap', 'Siti Aminah');
    await flushDrafts();
    first.unmount();

    renderApp({ db });
    fireEvent.click(await screen.findByRole('button', { name: 'Lanjutkan' }));
    typeInto('Tempat lahir', 'Malang');
    await flushDrafts();
    window.location.hash = '#/data';
    await screen.findByRole('heading', { name: 'Data terdaftar' });
    window.location.hash = '#/daftar';
    await autosaveReady();
    expect(screen.queryByText(/belum disimpan untuk Siti Aminah/)).toBeNull();
    expect((screen.getByLabelText('NIK') as HTMLInputElement).value).toBe(VALID_NIK);
    expect((screen.getByLabelText('Tempat lahir') as HTMLInputElement).value).toBe('Malang');
  });

  it('does not offer what was typed in this app start after a route change', async () => {
    const db = freshDb();
    renderApp({ db });
    await autosaveReady();
    typeInto('Nama lengkap', 'Budi');
    window.location.hash = '#/pengaturan'; // leaving the form writes the draft at once
    await screen.findByRole('heading', { name: 'Pengaturan', exact: true });
    expect((await draftOf(db))?.values.fullName).toBe('Budi');
    window.location.hash = '#/daftar';
    await autosaveReady();
    expect(screen.queryByRole('button', { name: 'Lanjutkan' })).toBeNull();
    expect((screen.getByLabelText('Nama lengkap') as HTMLInputElement).value).toBe('Budi');
  });

  it('discards the draft when asked', async () => {
    const db = freshDb();
    const first = renderApp({ db });
    await autosaveReady();
    typeInto('Nama lengkap', 'Budi');
    await flushDrafts();
    expect(await draftOf(db)).toBeDefined();
    first.unmount();

    renderApp({ db });
    fireEvent.click(await screen.findByRole('button', { name: 'Buang' }));
    expect(((await screen.findByLabelText('Nama lengkap')) as HTMLInputElement).value).toBe('');
    expect(await draftOf(db)).toBeUndefined();
  });

  it('writes a pending draft at once when the page is hidden, and a save removes the draft', async () => {
    const db = freshDb();
    renderApp({ db });
    await autosaveReady();
    fillForm();
    expect(isDraftScheduled('new')).toBe(true);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(isDraftScheduled('new')).toBe(false); // written at once, not after the debounce
    expect(hasUnsavedDraft()).toBe(true); // until the write is on disk
    await waitFor(() => expect(hasUnsavedDraft()).toBe(false));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect((await draftOf(db))?.values.nik).toBe(VALID_NIK);

    clickSave();
    expect(await screen.findByText(/Tersimpan/)).toBeTruthy();
    expect(await draftOf(db)).toBeUndefined();
    expect(hasUnsavedDraft()).toBe(false);
  });
});
