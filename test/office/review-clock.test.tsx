/** Verifikasi shows when the phone's clock was over 10 minutes off as it sent the record (a real registry). */
import { screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReviewScreen } from '../../src/office/screens/review/ReviewScreen';
import { PROTOCOL_VERSION } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';
import { renderScreen, signIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startKantorRegistry();
});
afterAll(async () => registry?.close());

async function pushWithClockOffset(fullName: string, clockOffsetS: number, n: number) {
  const phone = await registry.enroll();
  const res = await registry.app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: { authorization: `Bearer ${phone.token}` },
    payload: {
      protocolVersion: PROTOCOL_VERSION,
      records: [makeRegistration({ ...uniquePerson(n), fullName })],
      clockOffsetS,
    },
  });
  expect(res.statusCode).toBe(200);
}

it('warns on a record sent by a phone whose clock was 2 days behind', async () => {
  await pushWithClockOffset('Warga Jam Salah', -(2 * 86_400 + 3_600), 710);
  const me = await signIn(registry, 'verifikator');
  renderScreen(me, <ReviewScreen />);
  const panel = await screen.findByRole('article');
  await waitFor(() => expect(panel.textContent).toContain('Warga Jam Salah'));
  const note = await screen.findByRole('note');
  expect(note.textContent).toBe(
    'Jam HP pengirim 2 hari 1 jam lebih lambat dari server saat data ini dikirim: waktu yang dicatat HP (tanggal pendaftaran, persetujuan) bisa salah.',
  );
});

it('says nothing when the clock was within 10 minutes', async () => {
  await registry.query('delete from registration_versions');
  await registry.query('delete from registrations');
  await pushWithClockOffset('Warga Jam Benar', 300, 711);
  const me = await signIn(registry, 'verifikator');
  renderScreen(me, <ReviewScreen />);
  const panel = await screen.findByRole('article');
  await waitFor(() => expect(panel.textContent).toContain('Warga Jam Benar'));
  await waitFor(() => expect(panel.textContent).toContain('Pemeriksaan NIK'));
  expect(screen.queryByRole('note')).toBeNull();
});
