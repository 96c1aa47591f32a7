/** Verifikasi against a real registry: the queue oldest first, verify by button and by keyboard, reject with a preset reason, select many. */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
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
  for (const box of within(screen.getByRole('table')).getAllByRole('checkbox')) fireEvent.click(box);
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

it('warns about a record from a phone enrolled for another kelurahan, and filters to such records', async () => {
  const { phone } = await pushFromPhone(registry, []);
  await registry.query(`update devices set kelurahan_kode = '3573011006' where id = '${phone.deviceId}'`);
  const elsewhere = makeRegistration({ ...uniquePerson(330), fullName: 'Warga Tetangga' });
  const res = await registry.app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: { authorization: `Bearer ${phone.token}` },
    payload: { protocolVersion: 1, records: [elsewhere] },
  });
  expect(res.json().results[0].outcome).toBe('accepted');
  await pushFromPhone(registry, [makeRegistration({ ...uniquePerson(331), fullName: 'Warga Sendiri' })]);

  const me = await signIn(registry, 'verifikator');
  renderScreen(me, <ReviewScreen />);
  const row = (await screen.findByRole('button', { name: 'Warga Tetangga' })).closest('tr')!;
  expect(row.textContent).toContain('HP dari kelurahan lain (Pandanwangi)');
  fireEvent.click(within(row).getByRole('button', { name: 'Warga Tetangga' }));
  const note = await within(await screen.findByRole('article')).findByRole('note');
  expect(note.textContent).toContain('terdaftar untuk Pandanwangi, tetapi alamatnya di Blimbing');

  fireEvent.click(screen.getByLabelText('Hanya dari HP kelurahan lain'));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Warga Sendiri' })).toBeNull());
  expect(screen.queryByRole('button', { name: 'Warga Tetangga' })).not.toBeNull();
});
