/**
 * Officers for registry tests: create a user of a role (and kelurahan) straight in the database, sign
 * in through the real login route, and call officer routes with that session's cookie from the
 * registry's own origin, as Kantor in a browser does.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/shared/access';
import { createUser } from '../../src/server/services/users';

export const HOST = 'kantor.test';
export const ORIGIN = `http://${HOST}`;
export const PASSWORD = 'kopi-tubruk-malang-2026';

let counter = 0;

export interface Officer {
  userId: string;
  username: string;
  cookie: string;
  /** Calls /api/v1<url> with this officer's session and the registry's own Origin. */
  call(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name.endsWith('jaring_session'));
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

export function login(app: FastifyInstance, username: string, password: string, headers: object = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { host: HOST, origin: ORIGIN, ...headers },
    payload: { username, password },
  });
}

export function asOfficer(app: FastifyInstance, userId: string, username: string, cookie: string): Officer {
  return {
    userId,
    username,
    cookie,
    call: (method, url, payload) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie, host: HOST, origin: ORIGIN },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

export async function makeUser(
  app: FastifyInstance,
  role: Role,
  kelurahan: string[] = [],
  opts: { password?: string } = {},
) {
  const username = `${role}-${++counter}`;
  const made = await createUser(app.registry.store.db, app.registry.nowIso(), 'test', {
    username,
    role,
    kelurahan,
    password: opts.password ?? PASSWORD,
  });
  return { userId: made.user.id, username, oneTimePassword: made.oneTimePassword };
}

/** A new user of this role, signed in. */
export async function signInAs(app: FastifyInstance, role: Role, kelurahan: string[] = []): Promise<Officer> {
  const { userId, username } = await makeUser(app, role, kelurahan);
  const res = await login(app, username, PASSWORD);
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return asOfficer(app, userId, username, sessionCookieOf(res));
}
