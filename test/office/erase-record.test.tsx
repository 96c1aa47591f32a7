/**
 * Erasure in Kantor's record panel against a real registry: offered to the city admin only, the button
 * waits until the person's NIK or full name is typed and a reason given, and erasing removes the person
 * from the registry and from the queue.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReviewScreen } from '../../src/office/screens/review/ReviewScreen';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';
import { pushFromPhone, renderScreen, signIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startKantorRegistry();
});
afterAll(async () => registry?.close());

const person = makeRegistration({ ...uniquePerson(4100), fullName: 'Tukinem Sumarsih' });

it('is not offered to a verifikator', async () => {
  await pushFromPhone(registry, [person]);
  const me = await signIn(registry, 'verifikator');
  const view = renderScreen(me, <ReviewScreen />);
  const panel = await screen.findByRole('article');
  await waitFor(() => expect(panel.textContent).toContain('Tukinem Sumarsih'));
  expect(screen.queryByRole('button', { name: 'Hapus data atas permintaan…' })).toBeNull();
  view.unmount();
});

it('erases for the admin once the NIK or name is typed and a reason given', async () => {
  const me = await signIn(registry, 'admin');
  renderScreen(me, <ReviewScreen />);
  fireEvent.click(await screen.findByRole('button', { name: 'Hapus data atas permintaan…' }));
  const erase = screen.getByRole('button', { name: 'Hapus untuk selamanya' }) as HTMLButtonElement;
  const typed = screen.getByLabelText('Ketik NIK atau nama lengkap orang ini untuk memastikan');
  fireEvent.input(typed, { target: { value: 'Tukinem' } });
  fireEvent.input(screen.getByLabelText(/^Alasan/), { target: { value: 'Surat permintaan 1 Desember' } });
  expect(erase.disabled).toBe(true);
  fireEvent.input(typed, { target: { value: person.nik } });
  expect(erase.disabled).toBe(false);
  fireEvent.submit(erase.closest('form')!);
  await screen.findByText('Data orang itu sudah dihapus; HP relawan akan menghapusnya saat sinkron.');
  expect(await registry.countRegistrations()).toBe(0);
  const [audit] = await registry.query<{ actor: string }>(
    "select actor from audit_log where action = 'registration.erase'",
  );
  expect(audit?.actor).toBe(`user:${me.id}`);
});
