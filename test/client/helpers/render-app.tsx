/** Renders the whole app on a fresh in-memory database with a fixed clock, plus form-filling helpers. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { App } from '../../../src/client/app';
import { openJaringDb, saveNewRegistration, type JaringDb } from '../../../src/client/db';
import type { AppServices } from '../../../src/client/shell/services';
import type { RegistrationFields } from '../../../src/shared/registration';
import { makeFields, NOW } from '../../fixtures/registrations';

let dbCounter = 0;

export function freshDb(): JaringDb {
  return openJaringDb(`ui-test-${Date.now()}-${++dbCounter}`);
}

export function makeServices(db: JaringDb): AppServices {
  return { getDb: () => Promise.resolve(db), now: () => new Date(NOW), newId: () => crypto.randomUUID() };
}

export function renderApp(options: { hash?: string; db?: JaringDb; services?: Partial<AppServices> } = {}) {
  const db = options.db ?? freshDb();
  window.location.hash = options.hash ?? '#/daftar';
  const services = { ...makeServices(db), ...options.services };
  return { ...render(<App services={services} />), db, services };
}

export async function seedRecord(db: JaringDb, fields: RegistrationFields = makeFields()) {
  const result = await saveNewRegistration(db, fields, {
    now: new Date(NOW),
    newId: () => crypto.randomUUID(),
  });
  if (!result.ok) throw new Error(`seed failed: ${result.reason}`);
  return result.record;
}

/** Types into the control labelled `label` and leaves it, as a person would. */
export function typeInto(label: string | RegExp, value: string): void {
  const control = screen.getByLabelText(label);
  fireEvent.input(control, { target: { value } });
  fireEvent.blur(control);
}

export function choose(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** Fills every required field (and the heir's phone) from `fields`, in Indonesian labels. */
export function fillForm(fields: RegistrationFields = makeFields()): void {
  typeInto('NIK', fields.nik);
  typeInto('Nama lengkap', fields.fullName);
  typeInto('Tempat lahir', fields.birthPlace);
  typeInto('Tanggal lahir', fields.birthDate);
  fireEvent.click(screen.getByLabelText(fields.gender === 'P' ? 'Perempuan' : 'Laki-laki'));
  typeInto('Jalan / dusun', fields.address.street);
  typeInto('RT', fields.address.rt);
  typeInto('RW', fields.address.rw);
  pickKelurahan('Blimbing');
  choose('Pekerjaan', fields.occupation);
  typeInto('Nama ahli waris', fields.heir.name);
  choose('Hubungan', fields.heir.relationship);
  fireEvent.click(screen.getByLabelText(/Peserta sudah mendengar/));
}

export function pickKelurahan(name: string): void {
  typeInto('Kelurahan', name);
  fireEvent.click(screen.getByRole('button', { name }));
}

export function clickSave(): void {
  fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));
}
