/**
 * Perangkat: the warning thresholds (silent > 3 days, a record stuck > 3 days, storage that may be
 * evicted, a clock off > 5 minutes — none at exactly the limit), and an operator's screen against a
 * real registry: the code is made for their own kelurahan only, shown once with its QR code, and the
 * phone waits in the list as "Menunggu pendaftaran".
 */
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevicesScreen } from '../../src/office/screens/DevicesScreen';
import { offsetText, warningsOf, type DeviceRow } from '../../src/office/screens/devices/device-health';
import type { TestRegistry } from '../helpers/registry';
import { renderScreen, signIn, startKantorRegistry } from './harness';

const NOW = Date.parse('2026-11-23T08:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const healthy: DeviceRow = {
  id: 'd1',
  name: 'HP Bu Siti',
  kelurahanKode: '3573011005',
  state: 'enrolled',
  createdAt: iso(NOW - 30 * DAY),
  enrolledAt: iso(NOW - 30 * DAY),
  revokedAt: null,
  codeExpiresAt: null,
  lastContactAt: iso(NOW - 3 * DAY),
  lastPushAt: iso(NOW - 3 * DAY),
  appVersion: '0.1.0',
  pending: 2,
  oldestPendingAt: iso(NOW - 3 * DAY),
  storagePersisted: true,
  clockOffsetMs: -5 * MINUTE,
  registrations: 40,
  nikProbes24h: { duplicateAnswers: 12, nikChanges: 8, held: 0 },
};

describe('the warnings', () => {
  it('warns of none at exactly the limits', () => {
    expect(warningsOf(healthy, NOW)).toEqual([]);
  });

  it('warns of each just past its limit, in words the table shows in this order', () => {
    const troubled: DeviceRow = {
      ...healthy,
      lastContactAt: iso(NOW - 3 * DAY - 1),
      oldestPendingAt: iso(NOW - 3 * DAY - 1),
      storagePersisted: false,
      clockOffsetMs: 5 * MINUTE + 1,
      nikProbes24h: { duplicateAnswers: 12, nikChanges: 9, held: 0 },
    };
    expect(warningsOf(troubled, NOW)).toEqual(['silent', 'unsent', 'storage', 'clock', 'probing']);
    const held = { ...healthy, nikProbes24h: { duplicateAnswers: 0, nikChanges: 0, held: 1 } };
    expect(warningsOf(held, NOW)).toEqual(['probing']);
  });

  it('counts a phone that never called as silent, and says nothing of codes or revoked phones', () => {
    expect(warningsOf({ ...healthy, lastContactAt: null }, NOW)).toEqual(['silent']);
    expect(warningsOf({ ...healthy, storagePersisted: null, clockOffsetMs: null }, NOW)).toEqual([]);
    expect(warningsOf({ ...healthy, pending: 0, oldestPendingAt: iso(NOW - 9 * DAY) }, NOW)).toEqual([]);
    for (const state of ['pending', 'expired', 'revoked'] as const)
      expect(warningsOf({ ...healthy, state, lastContactAt: null, storagePersisted: false }, NOW)).toEqual(
        [],
      );
  });

  it('says a clock offset as people do', () => {
    expect([30_000, 2 * MINUTE, -3 * 60 * MINUTE, 2 * DAY].map((ms) => offsetText(ms, 'id'))).toEqual([
      'tepat',
      '+2 mnt',
      '−3 jam',
      '+2 hari',
    ]);
  });
});

describe("an operator's Perangkat", () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startKantorRegistry();
  });
  afterAll(async () => registry?.close());

  it('makes a code for their kelurahan only, shown once with its QR code, and lists the phone', async () => {
    const me = await signIn(registry, 'operator', ['3573011006']);
    renderScreen(me, <DevicesScreen />);
    await screen.findByText('Belum ada HP. Buat kode pendaftaran di atas.');
    expect((screen.getByLabelText('Kelurahan') as HTMLInputElement).value).toBe('Pandanwangi');
    fireEvent.input(screen.getByLabelText('Nama relawan / HP'), { target: { value: 'HP Pak RW 3' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Buat kode' }).closest('form')!);

    const card = await screen.findByRole('dialog', { name: 'Kode untuk HP Pak RW 3' });
    const code = card.querySelector('.k-code-big')?.textContent ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(
      within(card)
        .getByRole('img', { name: /Kode QR pendaftaran/ })
        .querySelector('path'),
    ).toBeTruthy();
    const [row] = await registry.query<{ kelurahan_kode: string; code_expires_at: string }>(
      "select kelurahan_kode, code_expires_at from devices where name = 'HP Pak RW 3'",
    );
    expect(row?.kelurahan_kode).toBe('3573011006');
    expect(Date.parse(row!.code_expires_at) - Date.now()).toBeGreaterThan(7 * DAY - MINUTE);

    expect(await screen.findByRole('rowheader', { name: /HP Pak RW 3/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /HP Pak RW 3/ }).textContent).toContain('Menunggu pendaftaran');
    fireEvent.click(within(card).getByRole('button', { name: 'Tutup' }));
    expect(document.body.textContent).not.toContain(code); // shown once
  });
});
