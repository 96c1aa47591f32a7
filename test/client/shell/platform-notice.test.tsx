import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { countRegistrations } from '../../../src/client/db';
import { platformProblem, readPlatformSupport } from '../../../src/client/shell/platform-support';
import { makeFields, TODAY } from '../../fixtures/registrations';
import { clickSave, fillForm, renderApp } from '../helpers/render-app';

const INSECURE = { isSecureContext: false, hasServiceWorker: false };

afterEach(() => localStorage.clear());

describe('the page says when it cannot work offline', () => {
  it.each([
    [{ isSecureContext: true, navigator: { serviceWorker: {} } }, undefined],
    [{ isSecureContext: false, navigator: {} }, 'insecure_context'],
    [{ navigator: { serviceWorker: {} } }, 'insecure_context'], // a browser that does not say: not secure
    [{ isSecureContext: true, navigator: {} }, 'no_service_worker'],
  ])('%o → %s', (win, expected) => {
    expect(platformProblem(readPlatformSupport(win))).toBe(expected);
  });

  it('explains it to the volunteer in Indonesian, with the reason folded away for the IT person', () => {
    renderApp({ services: { platform: INSECURE } });
    const notice = screen.getByRole('alert', { name: 'Jaring belum bisa bekerja penuh di alamat ini' });
    expect(notice.textContent).toContain('Aplikasi ini harus dibuka lewat alamat https://…');
    expect(notice.textContent).toContain('Minta admin memberi alamat https://');
    const details = notice.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Keterangan untuk petugas IT');
    expect(details.textContent).toContain(`dibuka lewat ${window.location.origin}, yang bukan konteks aman`);
    expect(details.textContent).toContain('service worker');
    // Above the form, in the same render as the form: it cannot push the fields down later.
    const form = screen.getByRole('form', { name: 'Pendaftaran baru' });
    expect(notice.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says nothing where everything is there, or when the support is not known (tests, old callers)', () => {
    renderApp({ services: { platform: { isSecureContext: true, hasServiceWorker: true } } });
    expect(screen.queryByText('Jaring belum bisa bekerja penuh di alamat ini')).toBeNull();
  });

  it('has an English text too', () => {
    localStorage.setItem('jaring.lang', 'en');
    renderApp({ services: { platform: { isSecureContext: true, hasServiceWorker: false } } });
    const notice = screen.getByRole('alert', { name: 'Jaring cannot fully work at this address' });
    expect(notice.textContent).toContain('This browser cannot open Jaring without signal');
    expect(notice.textContent).toContain('is a secure context, but the browser offers no service worker');
  });
});

describe('Simpan never hangs', () => {
  it('an id source that throws (randomUUID on plain http) ends in a clear error, the input kept', async () => {
    const { db } = renderApp({
      services: {
        newId: () => {
          throw new TypeError('crypto.randomUUID is not a function');
        },
      },
    });
    fillForm(makeFields({ fullName: 'Siti Aminah' }));
    clickSave();
    expect(await screen.findByText(/Data belum tersimpan karena kesalahan di aplikasi/)).toBeDefined();
    const button = screen.getByRole('button', { name: 'Simpan' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect((screen.getByLabelText('Nama lengkap') as HTMLInputElement).value).toBe('Siti Aminah');
    expect((await countRegistrations(db, TODAY)).total).toBe(0);
  });
});
