/**
 * The KTP photo in Verifikasi against a real registry: the panel shows the photo the record names (read
 * through the audited office route), says when the phone has not sent it yet, and "Tanpa foto KTP"
 * when the record names none; the city admin can require the photo.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PhotoRequirementSetting } from '../../src/office/screens/PhotoRequirementSetting';
import { ReviewScreen } from '../../src/office/screens/review/ReviewScreen';
import { ktpPhotoOf, photoBytes, sha256Of } from '../fixtures/photos';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';
import { pushFromPhone, renderScreen, signIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startKantorRegistry();
});
afterAll(async () => registry?.close());

it('shows the photo, then "not sent yet", then "Tanpa foto KTP"', async () => {
  const bytes = photoBytes(1);
  const withPhoto = makeRegistration({
    ...uniquePerson(501),
    fullName: 'Warga Berfoto',
    createdAt: '2026-11-20T01:00:00.000Z',
    ktpPhoto: ktpPhotoOf(bytes),
  });
  const waiting = makeRegistration({
    ...uniquePerson(502),
    fullName: 'Warga Menunggu',
    createdAt: '2026-11-21T01:00:00.000Z',
    ktpPhoto: ktpPhotoOf(photoBytes(2)),
  });
  const without = makeRegistration({
    ...uniquePerson(503),
    fullName: 'Warga Tanpa',
    createdAt: '2026-11-22T01:00:00.000Z',
  });
  // One push each, so the queue (oldest received first) holds them in this order.
  const { phone } = await pushFromPhone(registry, [withPhoto]);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await pushFromPhone(registry, [waiting]);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await pushFromPhone(registry, [without]);
  const put = await registry.app.inject({
    method: 'PUT',
    url: `/api/v1/photos/${withPhoto.id}/${sha256Of(bytes)}`,
    headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'image/jpeg' },
    payload: Buffer.from(bytes),
  });
  expect(put.statusCode).toBe(201);

  const me = await signIn(registry, 'verifikator');
  renderScreen(me, <ReviewScreen />);
  const photo = (await screen.findByRole('img', { name: 'Foto KTP Warga Berfoto' })) as HTMLImageElement;
  expect(photo.src).toMatch(/^blob:/);
  const reads = await registry.query<{ target: string }>(
    "select target from audit_log where action = 'registration.read_photo'",
  );
  expect(reads).toEqual([{ target: withPhoto.id }]);

  fireEvent.keyDown(window, { key: 'v' });
  await waitFor(() => expect(screen.getByRole('article').textContent).toContain('Warga Menunggu'));
  expect(await screen.findByText(/Foto KTP belum terkirim dari HP/)).toBeTruthy();

  fireEvent.keyDown(window, { key: 'v' });
  await waitFor(() => expect(screen.getByRole('article').textContent).toContain('Warga Tanpa'));
  expect(await screen.findByText('Tanpa foto KTP')).toBeTruthy();
});

it('lets the city admin require the KTP photo, which the next pull carries to phones', async () => {
  const me = await signIn(registry, 'admin');
  renderScreen(me, <PhotoRequirementSetting />);
  const box = await screen.findByLabelText('Wajibkan foto KTP untuk setiap pendaftaran');
  expect((box as HTMLInputElement).checked).toBe(false);
  fireEvent.click(box);
  await screen.findByText(/Disimpan: foto KTP wajib/);
  const phone = await registry.enroll();
  const pull = await registry.app.inject({
    method: 'GET',
    url: '/api/v1/sync/pull',
    headers: { authorization: `Bearer ${phone.token}` },
  });
  expect(pull.json().requireKtpPhoto).toBe(true);
});
