/** A phone as the scenarios start it: Chromium launched, Jaring opened online, enrolled through the UI. */
import { launchPhone, type Phone } from '../../helpers/browser';
import type { TestRegistry } from '../../helpers/registry';
import { enrollPhone, openApp, waitForActiveServiceWorker } from './jaring';

export async function startEnrolledPhone(registry: TestRegistry): Promise<Phone> {
  const phone = await launchPhone();
  await openApp(phone.page, registry.url);
  await enrollPhone(phone.page, await registry.newEnrollmentCode());
  await waitForActiveServiceWorker(phone.page);
  return phone;
}

/** Every registration row the registry holds, for "exactly once" assertions. */
export async function registryRows(registry: TestRegistry) {
  return registry.query<{ id: string; nik: string; version: number }>(
    'select id, nik, version from registrations order by nik',
  );
}
