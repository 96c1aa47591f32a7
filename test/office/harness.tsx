/**
 * Kantor's screens under @testing-library/preact (happy-dom) against a real registry: the page's
 * location is the registry's /kantor/, so the screens' same-origin fetches, the HttpOnly session cookie
 * and the Origin check all work as in a browser. `signIn` goes through the real login route.
 */
import { configure, fireEvent, render, screen } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { vi } from 'vitest';
import type { Role } from '../../src/shared/access';
import type { Me } from '../../src/shared/accounts';
import { get, post } from '../../src/office/api';
import { LangContext, translator } from '../../src/office/i18n';
import { SessionContext } from '../../src/office/session';
import { createUser } from '../../src/server/services/users';
import { startRegistry, type TestRegistry } from '../helpers/registry';

export const PASSWORD = 'tempe-mendoan-banyumas';

// Each screen waits on real HTTP round trips to the registry (and an argon2 check at sign-in).
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });

export async function startKantorRegistry(): Promise<TestRegistry> {
  const registry = await startRegistry();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${registry.url}/kantor/`,
  );
  return registry;
}

let counter = 0;

/** A new officer of this role, signed in in this page (the cookie is in the page's jar). */
export async function signIn(registry: TestRegistry, role: Role, kelurahan: string[] = []): Promise<Me> {
  const username = `${role}-${++counter}`;
  await createUser(registry.app.registry.store.db, registry.app.registry.nowIso(), 'test', {
    username,
    role,
    kelurahan,
    password: PASSWORD,
  });
  await post('/auth/login', { username, password: PASSWORD });
  return get<Me>('/auth/me');
}

export function renderScreen(me: Me, screen: ComponentChildren, onSessionEnded = () => {}) {
  return render(
    <LangContext.Provider value={{ lang: 'id', t: translator('id'), setLang: () => {} }}>
      <SessionContext.Provider value={{ me, sessionEnded: onSessionEnded }}>{screen}</SessionContext.Provider>
    </LangContext.Provider>,
  );
}

/** Pushes records from a freshly enrolled phone (the registry's own sync route). */
export function pushFromPhone(registry: TestRegistry, records: unknown[]) {
  return registry.pushFromNewPhone(records);
}

export function fillSignIn(username: string, password: string): void {
  fireEvent.input(screen.getByLabelText('Nama pengguna'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('Kata sandi'), { target: { value: password } });
  fireEvent.submit(screen.getByRole('button', { name: 'Masuk' }).closest('form')!);
}
