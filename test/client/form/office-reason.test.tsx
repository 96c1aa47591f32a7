/**
 * Closing the loop on a rejection, against a real registry: the office sends a record back with a
 * preset reason; the open app learns it from the status poll (no "Sinkronkan sekarang"); the edit
 * form shows the reason first and marks the fields it concerns; the fix is saved and the registry
 * holds the new version.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getRegistration } from '../../../src/client/db';
import { RegistrationScreen } from '../../../src/client/form/RegistrationScreen';
import { RecordsScreen } from '../../../src/client/records/RecordsScreen';
import { attachStatusPoll } from '../../../src/client/sync/status-poll';
import { makeFields, uniquePerson } from '../../fixtures/registrations';
import type { TestRegistry } from '../../helpers/registry';
import {
  enrolledPhone,
  renderOnPhone,
  savedAndSent,
  startRegistryForPhones,
} from '../helpers/phone-and-registry';

const badge = () => document.querySelector('.record-row .badge')?.textContent;
const FAST_POLL = { firstMs: 40, maxQuietMs: 120, maxFailingMs: 500 };

describe('a record sent back by the office', () => {
  let registry: TestRegistry;
  let stopPolling = () => {};
  beforeAll(async () => {
    registry = await startRegistryForPhones();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
  afterEach(() => stopPolling());
  afterAll(async () => registry?.close());

  it('reaches the open app by the poll, heads the edit form with the field marked, and the fix is sent', async () => {
    const phone = await enrolledPhone(registry, '3573011005');
    const id = await savedAndSent(phone, makeFields({ ...uniquePerson(301), fullName: 'Siti Aminh' }));
    stopPolling = attachStatusPoll(phone.engine, { window, document, policy: FAST_POLL });
    const list = renderOnPhone(phone, <RecordsScreen />);
    await waitFor(() => expect(badge()).toBe('Terkirim'));

    await registry.setStatus(id, 'rejected', 'Nama tidak sesuai KTP');
    await waitFor(() => expect(badge()).toBe('Perlu diperbaiki')); // nobody pressed anything
    list.unmount();

    renderOnPhone(phone, <RegistrationScreen recordId={id} />);
    const notice = await screen.findByRole('note');
    expect(notice.textContent).toContain('Dikembalikan kantor: Nama tidak sesuai KTP');
    expect(
      notice.compareDocumentPosition(screen.getByLabelText('NIK')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const name = screen.getByLabelText('Nama lengkap');
    const flag = document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(flag?.textContent).toBe('Diminta diperiksa kantor');
    expect(screen.getAllByText('Diminta diperiksa kantor')).toHaveLength(1); // only the name is marked
    fireEvent.click(screen.getByRole('button', { name: 'Nama lengkap' }));
    expect(document.activeElement).toBe(name);

    fireEvent.input(name, { target: { value: 'Siti Aminah' } });
    fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));
    await waitFor(async () => expect((await getRegistration(phone.db, id))?.version).toBe(2));
    stopPolling();
    await phone.engine.syncOnce(); // a poll's run may be under way: the next run sends the new version
    await phone.engine.syncOnce();
    const [held] = await registry.query<{ version: number; full_name: string; status: string }>(
      `select version, full_name, status from registrations where id = '${id}'`,
    );
    expect(held).toEqual({ version: 2, full_name: 'Siti Aminah', status: 'received' });
    expect(await getRegistration(phone.db, id)).toMatchObject({ syncState: 'sent' });
  });

  it('a written reason that names no field is shown, and marks nothing', async () => {
    const phone = await enrolledPhone(registry, '3573011005');
    const id = await savedAndSent(phone, makeFields({ ...uniquePerson(302) }));
    await registry.setStatus(id, 'rejected', 'Sudah meninggal dunia, hubungi kantor');
    await phone.engine.syncOnce();
    renderOnPhone(phone, <RegistrationScreen recordId={id} />, 'en');
    expect((await screen.findByRole('note')).textContent).toContain(
      'Sent back by the office: Sudah meninggal dunia, hubungi kantor',
    );
    expect(screen.queryByText('The office asks to check this')).toBeNull();
  });
});
