/**
 * A phone as most scenarios start it: Jaring opened online, enrolled through the UI, the service worker
 * installed, and the app opened once more so the service worker controls it — the everyday state of a
 * phone that used Jaring before. (On the very first visit the page is not controlled; scenario 1 covers
 * that path.)
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { launchPhone, type Phone } from '../../helpers/browser';
import { startRegistry, type TestRegistry } from '../../helpers/registry';
import { enrollPhone, isControlledByServiceWorker, openApp, waitForActiveServiceWorker } from './jaring';

/**
 * For a describe block: a registry serving this run's build and one fresh phone (never opened, not
 * enrolled), started before its tests and closed after them. Read the fields inside tests only.
 */
export function useRegistryAndFreshPhone(): { registry: TestRegistry; phone: Phone } {
  const setup = {} as { registry: TestRegistry; phone: Phone };
  beforeAll(async () => {
    setup.registry = await startRegistry({ staticDir: inject('appBuildDir') });
    setup.phone = await launchPhone();
  });
  afterAll(async () => {
    await setup.phone?.close();
    await setup.registry?.close();
  });
  return setup;
}

/** A phone enrolled on the registry; with a kelurahan, its code is for that kelurahan. */
export async function startEnrolledPhone(registry: TestRegistry, kelurahanKode?: string): Promise<Phone> {
  const phone = await launchPhone();
  await openApp(phone.page, registry.url);
  await enrollPhone(phone.page, await registry.newEnrollmentCode(kelurahanKode));
  await waitForActiveServiceWorker(phone.page);
  await phone.page.reload();
  await phone.page.getByRole('heading', { name: 'Pendaftaran baru' }).waitFor();
  if (!(await isControlledByServiceWorker(phone.page)))
    throw new Error('the service worker does not control the app');
  return phone;
}

/** Every registration row the registry holds, for "exactly once" assertions. */
export async function registryRows(registry: TestRegistry) {
  return registry.query<{ id: string; nik: string; version: number }>(
    'select id, nik, version from registrations order by nik',
  );
}
