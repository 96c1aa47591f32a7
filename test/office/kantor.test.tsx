/** Kantor's top level: the sign-in page, the registry's sentence for a wrong password, the console, signing out. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kantor } from '../../src/office/Kantor';
import { createUser } from '../../src/server/services/users';
import type { TestRegistry } from '../helpers/registry';
import { fillSignIn, PASSWORD, startKantorRegistry } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startKantorRegistry();
});
afterAll(async () => registry?.close());

describe('Kantor', () => {
  it('shows the sign-in page, the refusal for a wrong password, then the console; and signs out', async () => {
    const { db } = registry.app.registry.store;
    await createUser(db, registry.app.registry.nowIso(), 't', {
      username: 'kota',
      role: 'admin',
      kelurahan: [],
      password: PASSWORD,
    });
    render(<Kantor />);
    await screen.findByRole('heading', { name: 'Masuk ke Kantor' });
    fillSignIn('kota', 'bukan-sandinya-ini');
    expect((await screen.findByRole('alert')).textContent).toMatch(/salah/);
    fillSignIn('kota', PASSWORD);
    await screen.findByRole('heading', { name: 'Ringkasan', level: 1 });
    expect(screen.getByRole('navigation', { name: 'Menu utama' }).textContent).toContain('Pengguna');
    fireEvent.click(screen.getByRole('button', { name: 'Keluar' }));
    await screen.findByText('Anda sudah keluar.');
  });
});
