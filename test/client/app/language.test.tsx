import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../helpers/render-app';

afterEach(() => localStorage.clear());

describe('language switch', () => {
  it('starts in Bahasa Indonesia and switches every label to English from Settings', async () => {
    renderApp({ hash: '#/pengaturan' });
    expect(screen.getByRole('link', { name: /Daftar/ })).toBeTruthy();
    fireEvent.click(await screen.findByLabelText('English'));

    // English is a chunk of its own: the labels switch once it is in.
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Register/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Records/ })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));

    window.location.hash = '#/daftar';
    expect(await screen.findByLabelText('Full name')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('NIK is required.')).toBeTruthy(); // issue messages follow the language too
  });

  it('remembers the choice for the next start', async () => {
    const first = renderApp({ hash: '#/pengaturan' });
    fireEvent.click(await screen.findByLabelText('English'));
    await screen.findByRole('heading', { name: 'Settings' });
    first.unmount();
    renderApp({ hash: '#/daftar' });
    expect(screen.getByLabelText('Full name')).toBeTruthy();
  });
});
