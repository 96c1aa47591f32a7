/** The city admin's screens against a real registry: Pengguna, Target, Audit and Ringkasan. */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuditScreen } from '../../src/office/screens/AuditScreen';
import { OverviewScreen } from '../../src/office/screens/OverviewScreen';
import { TargetsScreen } from '../../src/office/screens/TargetsScreen';
import { UsersScreen } from '../../src/office/screens/UsersScreen';
import type { Me } from '../../src/shared/accounts';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import type { TestRegistry } from '../helpers/registry';
import { pushFromPhone, renderScreen, signIn, startKantorRegistry } from './harness';

let registry: TestRegistry;
let admin: Me;
beforeAll(async () => {
  registry = await startKantorRegistry();
  admin = await signIn(registry, 'admin');
});
afterAll(async () => registry?.close());

it('Pengguna: creates a verifikator and shows the one-time password once', async () => {
  renderScreen(admin, <UsersScreen />);
  await screen.findByRole('table');
  fireEvent.input(screen.getByLabelText('Nama pengguna'), { target: { value: 'Pak-Budi' } });
  fireEvent.input(screen.getByLabelText('Nama lengkap'), { target: { value: 'Budi Santoso' } });
  fireEvent.submit(screen.getByRole('button', { name: 'Buat' }).closest('form')!);
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText(/pak-budi/)).toBeTruthy();
  const password = dialog.querySelector('code')?.textContent ?? '';
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await screen.findByRole('cell', { name: 'Budi Santoso' });
  const [row] = await registry.query<{ role: string; must_change_password: number }>(
    "select role, must_change_password from users where username = 'pak-budi'",
  );
  expect([row?.role, Number(row?.must_change_password)]).toEqual(['verifikator', 1]);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Tutup' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.body.textContent).not.toContain(password); // shown once
});

it('Pengguna: refuses a bad username before asking the registry', async () => {
  renderScreen(admin, <UsersScreen />);
  await screen.findByRole('table');
  fireEvent.input(screen.getByLabelText('Nama pengguna'), { target: { value: 'ab' } });
  fireEvent.submit(screen.getByRole('button', { name: 'Buat' }).closest('form')!);
  expect((await screen.findByRole('alert')).textContent).toMatch(/3–32 karakter/);
});

it('Target: saves an estimate and target percent per kelurahan', async () => {
  renderScreen(admin, <TargetsScreen />);
  const form = await screen.findByRole('form', { name: 'Ubah target Blimbing' });
  fireEvent.input(within(form).getByLabelText('Perkiraan pekerja rentan'), { target: { value: '1200' } });
  fireEvent.input(within(form).getByLabelText('Target (%)'), { target: { value: '45' } });
  fireEvent.submit(form);
  await screen.findByText('Target Blimbing disimpan.');
  const [target] = await registry.query<{ estimated_workers: number; target_percent: number }>(
    "select estimated_workers, target_percent from coverage_targets where kelurahan_kode = '3573011005'",
  );
  expect([Number(target?.estimated_workers), Number(target?.target_percent)]).toEqual([1200, 45]);
});

it('Target: sets how many days phones keep full records, which the next pull carries', async () => {
  renderScreen(admin, <TargetsScreen />);
  const days = await screen.findByLabelText('Hari di HP (1–365)');
  expect((days as HTMLInputElement).value).toBe('30');
  fireEvent.input(days, { target: { value: '10' } });
  fireEvent.submit(days.closest('form')!);
  await screen.findByText('Disimpan: 10 hari. HP relawan menerimanya saat sinkron berikutnya.');
  const phone = await registry.enroll();
  const res = await fetch(`${registry.url}/api/v1/sync/pull`, {
    headers: { authorization: `Bearer ${phone.token}` },
  });
  expect(((await res.json()) as { retentionDays: number }).retentionDays).toBe(10);
});

it('Audit: lists what was done, newest first, with names instead of ids', async () => {
  renderScreen(admin, <AuditScreen />);
  const cell = await screen.findByRole('cell', { name: 'coverage_target.set' });
  await waitFor(() => expect(cell.closest('tr')?.textContent).toContain(admin.username!));
  expect((await screen.findAllByRole('cell', { name: 'user.create' })).length).toBeGreaterThan(0);
});

it('Ringkasan: registered against the estimate, what is still needed, and the waiting records', async () => {
  await pushFromPhone(registry, [
    makeRegistration({ ...uniquePerson(401) }),
    makeRegistration({ ...uniquePerson(402) }),
  ]);
  renderScreen(admin, <OverviewScreen />);
  const waiting = await screen.findByText('Menunggu verifikasi');
  expect(waiting.parentElement?.textContent).toContain('2');
  expect(screen.getByText(/Kurang [\d.]+ orang lagi untuk target/)).toBeTruthy();
  const table = screen.getByRole('table', { name: /Cakupan per kelurahan/ });
  expect(within(table).getByRole('rowheader', { name: 'Blimbing' }).closest('tr')?.textContent).toContain(
    '1.200',
  );
});
