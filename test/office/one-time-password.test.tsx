/** Kantor with a one-time password: nothing but the password change until the officer chooses their own. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Kantor } from '../../src/office/Kantor';
import { createUser } from '../../src/server/services/users';
import type { TestRegistry } from '../helpers/registry';
import { fillSignIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startKantorRegistry();
});
afterAll(async () => registry?.close());

function choose(current: string, next: string) {
  fireEvent.input(screen.getByLabelText('Kata sandi saat ini'), { target: { value: current } });
  fireEvent.input(screen.getByLabelText('Kata sandi baru'), { target: { value: next } });
  fireEvent.input(screen.getByLabelText('Ulangi kata sandi baru'), { target: { value: next } });
  fireEvent.submit(screen.getByRole('button', { name: 'Simpan kata sandi' }).closest('form')!);
}

it('holds a one-time password to the password change, checking the new one as typed', async () => {
  const { db } = registry.app.registry.store;
  const made = await createUser(db, registry.app.registry.nowIso(), 't', {
    username: 'baru',
    role: 'verifikator',
    kelurahan: [],
  });
  render(<Kantor />);
  await screen.findByRole('heading', { name: 'Masuk ke Kantor' });
  fillSignIn('baru', made.oneTimePassword!);
  await screen.findByText(/Kata sandi Anda sementara/);
  choose(made.oneTimePassword!, 'pendek');
  expect((await screen.findByRole('alert')).textContent).toBe('Kata sandi minimal 10 karakter.');
  choose(made.oneTimePassword!, 'password123');
  await screen.findByText(/terlalu umum/); // the registry's own policy, shown as it answers
  choose(made.oneTimePassword!, 'nasi-goreng-kambing');
  await screen.findByRole('heading', { name: 'Ringkasan', level: 1 });
  expect(screen.getByRole('navigation', { name: 'Menu utama' }).textContent).not.toContain('Pengguna');
});
