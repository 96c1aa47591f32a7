/** Verifikasi against a real registry: the queue oldest first, verify by button and by keyboard, reject with a preset reason, select many. */
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

const statusOf = async (name: string) =>
  (
    await registry.query<{ status: string; status_reason: string | null }>(
      `select status, status_reason from registrations where full_name = '${name}'`,
    )
  )[0];

it('works through the queue: checks shown, verify, reject with a reason, keyboard, many at once', async () => {
  const names = ['Warga Satu', 'Warga Dua', 'Warga Tiga', 'Warga Empat', 'Warga Lima'];
  await pushFromPhone(
    registry,
    names.map((fullName, i) =>
      makeRegistration({ ...uniquePerson(300 + i), fullName, createdAt: `2026-11-2${i}T01:00:00.000Z` }),
    ),
  );
  const me = await signIn(registry, 'verifikator');
  renderScreen(me, <ReviewScreen />);
  await screen.findByText('5 menunggu');
  const panel = await screen.findByRole('article');
  await waitFor(() => expect(panel.textContent).toContain('Tanggal lahir di NIK'));

  fireEvent.click(screen.getByRole('button', { name: 'Verifikasi (V)' }));
  await screen.findByText('1 data diverifikasi.');

  fireEvent.keyDown(window, { key: 'r' });
  fireEvent.change(await screen.findByLabelText('Alasan penolakan'), {
    target: { value: 'Nama tidak sesuai KTP' },
  });
  fireEvent.submit(screen.getByRole('button', { name: 'Tolak dengan alasan ini' }).closest('form')!);
  await screen.findByText('Ditolak; alasan dikirim ke HP relawan.');

  fireEvent.keyDown(window, { key: 'v' });
  await screen.findByText('2 menunggu');
  for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
  fireEvent.click(screen.getByRole('button', { name: 'Verifikasi 2 yang dipilih' }));
  await screen.findByText('Tidak ada data yang menunggu. Kerja bagus!');

  const statuses = await Promise.all(names.map(statusOf));
  // Which record came first is the registry's order (all arrived in one push); the verdicts add up.
  expect(statuses.map((s) => s?.status).sort()).toEqual([
    'rejected',
    'verified',
    'verified',
    'verified',
    'verified',
  ]);
  expect(statuses.find((s) => s?.status === 'rejected')?.status_reason).toBe('Nama tidak sesuai KTP');
});
