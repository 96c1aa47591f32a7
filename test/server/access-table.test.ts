/**
 * Every (role, officer route) pair on each engine: the answer is the route's success status when
 * ACCESS_TABLE allows the role, and 403 `forbidden` when it does not. The route list itself is checked
 * both ways: every registered officer route has an entry, and every entry is a registered route.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, ROLES, type AccessKey, type Role } from '../../src/shared/access';
import { registerAccessGuard } from '../../src/server/access-guard';
import { createApiToken } from '../../src/server/services/api-tokens';
import { createEnrollmentCode } from '../../src/server/services/devices';
import { ktpPhotoOf, photoBytes } from '../fixtures/photos';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { makeUser, PASSWORD, signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN_KEL = '3573011005';
const KEYS = Object.keys(ACCESS_TABLE) as AccessKey[];
let erasures = 0;
let photoRecords = 0;

/** A fresh duplicate-NIK attempt on the record `regId` holds (pushed by a second phone). */
async function duplicateOf(h: Harness, regId: string): Promise<number> {
  const [held] = await h.app.registry.store.db
    .selectFrom('registrations')
    .select('nik')
    .where('id', '=', regId)
    .execute();
  const phone = await h.enroll();
  await h.push(phone.token, [makeRegistration({ ...uniquePerson(1), nik: held!.nik })]);
  const row = await h.app.registry.store.db
    .selectFrom('duplicate_attempts')
    .select('id')
    .where('device_id', '=', phone.deviceId)
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Sample {
  url: string;
  payload?: unknown;
  status: number;
}

/** A request that succeeds for an allowed role, with fresh targets so order does not matter. */
async function sampleFor(h: Harness, key: AccessKey, regId: string): Promise<Sample> {
  const { db } = h.app.registry.store;
  const now = h.app.registry.nowIso();
  const freshUser = async () => (await makeUser(h.app, 'verifikator')).userId;
  const freshDevice = async () =>
    (await createEnrollmentCode(db, now, 'test', { kelurahanKode: OWN_KEL })).deviceId;
  const samples: Record<AccessKey, () => Promise<Sample>> = {
    'GET /auth/me': async () => ({ url: '/auth/me', status: 200 }),
    'POST /auth/logout': async () => ({ url: '/auth/logout', status: 204 }),
    'POST /auth/password': async () => ({
      url: '/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'gethuk-lindri-2027-x' },
      status: 200,
    }),
    'POST /admin/enrollment-codes': async () => ({
      url: '/admin/enrollment-codes',
      payload: { name: 'HP uji', kelurahanKode: OWN_KEL },
      status: 201,
    }),
    'GET /admin/enrollment-codes': async () => ({ url: '/admin/enrollment-codes', status: 200 }),
    'GET /admin/devices': async () => ({ url: '/admin/devices', status: 200 }),
    'POST /admin/devices/:id/revoke': async () => ({
      url: `/admin/devices/${await freshDevice()}/revoke`,
      status: 200,
    }),
    'GET /admin/registrations': async () => ({ url: '/admin/registrations', status: 200 }),
    'GET /admin/registrations/:id': async () => ({ url: `/admin/registrations/${regId}`, status: 200 }),
    'GET /admin/registrations/:id/versions': async () => ({
      url: `/admin/registrations/${regId}/versions`,
      status: 200,
    }),
    'GET /admin/registrations/:id/photo': async () => {
      const bytes = photoBytes(7);
      const person = makeRegistration({
        ...uniquePerson(700 + (photoRecords += 1)),
        ktpPhoto: ktpPhotoOf(bytes),
      });
      const phone = await h.enroll();
      await h.push(phone.token, [person]);
      await h.putPhoto(phone.token, person.id, bytes);
      return { url: `/admin/registrations/${person.id}/photo`, status: 200 };
    },
    'POST /admin/registrations/status': async () => ({
      url: '/admin/registrations/status',
      payload: { ids: [regId], status: 'verified' },
      status: 200,
    }),
    'POST /admin/registrations/:id/status': async () => ({
      url: `/admin/registrations/${regId}/status`,
      payload: { status: 'verified' },
      status: 200,
    }),
    'POST /admin/registrations/:id/erase': async () => {
      const person = makeRegistration({ ...uniquePerson(900 + (erasures += 1)) });
      await h.push((await h.enroll()).token, [person]);
      return {
        url: `/admin/registrations/${person.id}/erase`,
        payload: { confirmation: person.nik, reason: 'Permintaan tertulis' },
        status: 200,
      };
    },
    'GET /admin/export.csv': async () => ({ url: '/admin/export.csv', status: 200 }),
    'GET /admin/export.xlsx': async () => ({ url: '/admin/export.xlsx', status: 200 }),
    'GET /admin/duplicates': async () => ({ url: '/admin/duplicates', status: 200 }),
    'GET /admin/duplicates/:id': async () => ({
      url: `/admin/duplicates/${await duplicateOf(h, regId)}`,
      status: 200,
    }),
    'POST /admin/duplicates/:id/resolve': async () => ({
      url: `/admin/duplicates/${await duplicateOf(h, regId)}/resolve`,
      payload: { resolution: 'mistyped' },
      status: 200,
    }),
    'GET /admin/covered': async () => ({ url: '/admin/covered', status: 200 }),
    'POST /admin/covered/import': async () => ({
      url: '/admin/covered/import',
      payload: {
        fileName: 'bpjs.csv',
        dryRun: true,
        rows: [{ nik: '3573015708750001', fullName: 'Siti', kelurahan: 'Blimbing' }],
      },
      status: 200,
    }),
    'GET /admin/coverage': async () => ({ url: '/admin/coverage', status: 200 }),
    'GET /admin/overview': async () => ({ url: '/admin/overview', status: 200 }),
    'PUT /admin/coverage/targets/:kelurahanKode': async () => ({
      url: `/admin/coverage/targets/${OWN_KEL}`,
      payload: { estimatedWorkers: 500 },
      status: 200,
    }),
    'GET /admin/audit': async () => ({ url: '/admin/audit', status: 200 }),
    'GET /admin/users': async () => ({ url: '/admin/users', status: 200 }),
    'POST /admin/users': async () => ({
      url: '/admin/users',
      payload: { username: `baru-${crypto.randomUUID().slice(0, 8)}`, role: 'verifikator' },
      status: 201,
    }),
    'POST /admin/users/:id/role': async () => ({
      url: `/admin/users/${await freshUser()}/role`,
      payload: { role: 'operator', kelurahan: [OWN_KEL] },
      status: 200,
    }),
    'POST /admin/users/:id/reset-password': async () => ({
      url: `/admin/users/${await freshUser()}/reset-password`,
      status: 200,
    }),
    'POST /admin/users/:id/deactivate': async () => ({
      url: `/admin/users/${await freshUser()}/deactivate`,
      status: 200,
    }),
    'POST /admin/users/:id/activate': async () => ({
      url: `/admin/users/${await freshUser()}/activate`,
      status: 200,
    }),
    'POST /admin/users/:id/unlock': async () => ({
      url: `/admin/users/${await freshUser()}/unlock`,
      status: 200,
    }),
    'GET /admin/tokens': async () => ({ url: '/admin/tokens', status: 200 }),
    'GET /admin/settings': async () => ({ url: '/admin/settings', status: 200 }),
    'PUT /admin/settings': async () => ({
      url: '/admin/settings',
      payload: { phoneRetentionDays: 30 },
      status: 200,
    }),
    'POST /admin/tokens': async () => ({
      url: '/admin/tokens',
      payload: { label: 'BI', role: 'verifikator' },
      status: 201,
    }),
    'POST /admin/tokens/:id/revoke': async () => {
      const { id } = await createApiToken(db, now, { label: 't', owner: 'test', role: 'verifikator' });
      return { url: `/admin/tokens/${id}/revoke`, status: 200 };
    },
  };
  return samples[key]();
}

describe('the access table guards every officer route', () => {
  it('refuses to start with an officer route that has no entry', async () => {
    const app = Fastify();
    app.decorate('registry', { config: { corsOrigins: [] } } as never);
    const start = async () => {
      await app.register(async (scope) => {
        registerAccessGuard(scope, []);
        scope.get('/api/v1/admin/unlisted', async () => 'secret');
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/GET \/admin\/unlisted has no entry in ACCESS_TABLE/);
    await app.close().catch(() => undefined);
  });
});

describe.each(registryEngines())('roles × officer routes on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let regId: string;
    const officers = new Map<Role, Officer>();

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const phone = await h.enroll();
      const record = makeRegistration({ ...uniquePerson(1) });
      await h.push(phone.token, [record]);
      regId = record.id;
      for (const role of ROLES)
        officers.set(role, await signInAs(h.app, role, role === 'operator' ? [OWN_KEL] : []));
    });
    afterAll(async () => h?.app.close());

    it('registers exactly the routes the table lists', () => {
      expect([...new Set(h.app.registry.officerRoutes)].sort()).toEqual([...KEYS].sort());
    });

    const pairs = ROLES.flatMap((role) => KEYS.map((key) => [role, key] as const));
    it.each(pairs)('%s → %s', async (role, key) => {
      const allowed = (ACCESS_TABLE[key].roles as readonly Role[]).includes(role);
      // Sign-out and a password change end the session they use: give them their own.
      const officer = key.startsWith('POST /auth/')
        ? await signInAs(h.app, role, role === 'operator' ? [OWN_KEL] : [])
        : officers.get(role)!;
      const sample = await sampleFor(h, key, regId);
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT';
      const res = await officer.call(method, sample.url, sample.payload);
      if (allowed) expect(res.statusCode, res.body).toBe(sample.status);
      else expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    });

    it.each(KEYS)('%s without a session is 401', async (key) => {
      const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PUT', string];
      const res = await h.app.inject({ method, url: `/api/v1${path.replace(/:\w+/g, 'x')}` });
      expect(res.statusCode).toBe(401);
    });
  });
});
