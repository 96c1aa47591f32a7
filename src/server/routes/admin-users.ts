/**
 * Admin: officer accounts and machine tokens. Only the city admin reaches these (ACCESS_TABLE). A new
 * or reset one-time password is in the answer exactly once; nothing else ever returns a secret.
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { isValidUsername, MAX_DISPLAY_NAME, normalizeUsername } from '../../shared/accounts';
import { ROLES, type Role } from '../../shared/access';
import { findKelurahan } from '../../shared/reference';
import { isUniqueViolation } from '../db/connect';
import { ProblemError, badRequest, notFound } from '../problems';
import { createApiToken, listApiTokens, MAX_TOKEN_DAYS, revokeApiToken } from '../services/api-tokens';
import { passwordProblem } from '../services/passwords';
import { createUser, listUsers, resetPassword, setActive, setRole, unlockUser } from '../services/users';

const RoleScopeShape = {
  role: z.enum(ROLES),
  kelurahan: z.optional(z.array(z.string().check(z.maxLength(20))).check(z.maxLength(100))),
};
const NewUserSchema = z.object({
  username: z.string().check(z.maxLength(64)),
  displayName: z.optional(z.string().check(z.maxLength(MAX_DISPLAY_NAME))),
  password: z.optional(z.string().check(z.maxLength(1000))),
  ...RoleScopeShape,
});
const RoleSchema = z.object(RoleScopeShape);
const NewTokenSchema = z.object({
  label: z.string().check(z.minLength(1), z.maxLength(100)),
  days: z.optional(z.int().check(z.gte(1), z.lte(MAX_TOKEN_DAYS))),
  ...RoleScopeShape,
});

/** An operator needs at least one known kelurahan; city-wide roles take none. Returns the clean list. */
export function checkedScope(role: Role, kelurahan: readonly string[] | undefined): string[] {
  const kodes = [...new Set(kelurahan ?? [])];
  if (role !== 'operator') {
    if (kodes.length > 0)
      throw badRequest('Hanya operator yang dibatasi ke kelurahan; hapus daftar kelurahan.');
    return [];
  }
  if (kodes.length === 0) throw badRequest('Operator perlu minimal satu kelurahan.');
  const unknown = kodes.find((k) => !findKelurahan(k));
  if (unknown !== undefined) throw badRequest(`Kode kelurahan tidak dikenal: ${unknown.slice(0, 20)}.`);
  return kodes;
}

const roleMessage = `Peran harus salah satu dari: ${ROLES.join(', ')}.`;

function registerUserRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;
  const { db } = store;

  admin.get('/users', async () => ({ items: await listUsers(db) }));

  admin.post('/users', async (request, reply) => {
    const parsed = NewUserSchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(`Isi username, role (${ROLES.join('/')}) dan kelurahan untuk operator.`);
    const username = normalizeUsername(parsed.data.username);
    if (!isValidUsername(username))
      throw badRequest('Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau strip.');
    const kelurahan = checkedScope(parsed.data.role, parsed.data.kelurahan);
    const { password } = parsed.data;
    const problem = password === undefined ? undefined : passwordProblem(password, username);
    if (problem) throw new ProblemError(422, 'validation_failed', problem);
    try {
      const made = await createUser(db, nowIso(), request.principal.actor, {
        ...parsed.data,
        username,
        kelurahan,
      });
      reply.code(201).header('cache-control', 'no-store');
      return made;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ProblemError(409, 'conflict', 'Nama pengguna itu sudah dipakai.');
      throw error;
    }
  });

  admin.post('/users/:id/role', async (request) => {
    const { id } = request.params as { id: string };
    const parsed = RoleSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest(roleMessage);
    const kelurahan = checkedScope(parsed.data.role, parsed.data.kelurahan);
    if (!(await setRole(db, nowIso(), request.principal.actor, id, parsed.data.role, kelurahan)))
      throw notFound('Pengguna');
    return { id, role: parsed.data.role, kelurahan };
  });

  admin.post('/users/:id/reset-password', async (request, reply) => {
    const { id } = request.params as { id: string };
    const oneTimePassword = await resetPassword(db, nowIso(), request.principal.actor, id);
    if (!oneTimePassword) throw notFound('Pengguna');
    reply.header('cache-control', 'no-store');
    return { id, oneTimePassword };
  });

  const toggles = { deactivate: false, activate: true } as const;
  for (const [action, active] of Object.entries(toggles)) {
    admin.post(`/users/:id/${action}`, async (request) => {
      const { id } = request.params as { id: string };
      if (active === false && id === request.principal.id)
        throw badRequest('Anda tidak bisa menonaktifkan akun Anda sendiri.');
      if (!(await setActive(db, nowIso(), request.principal.actor, id, active))) throw notFound('Pengguna');
      return { id, active };
    });
  }

  admin.post('/users/:id/unlock', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await unlockUser(db, nowIso(), request.principal.actor, id))) throw notFound('Pengguna');
    return { id, unlocked: true };
  });
}

function registerTokenRoutes(admin: FastifyInstance): void {
  const { store, nowIso } = admin.registry;

  admin.get('/tokens', async () => ({ items: await listApiTokens(store.db) }));

  admin.post('/tokens', async (request, reply) => {
    const parsed = NewTokenSchema.safeParse(request.body);
    if (!parsed.success)
      throw badRequest(`Isi label, role (${ROLES.join('/')}) dan days (1–${MAX_TOKEN_DAYS}, bawaan 90).`);
    const kelurahan = checkedScope(parsed.data.role, parsed.data.kelurahan);
    const made = await createApiToken(store.db, nowIso(), {
      ...parsed.data,
      kelurahan,
      owner: request.principal.actor,
    });
    reply.code(201).header('cache-control', 'no-store');
    return made;
  });

  admin.post('/tokens/:id/revoke', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await revokeApiToken(store.db, nowIso(), request.principal.actor, id))) throw notFound('Token');
    return { id, revoked: true };
  });
}

export function registerAdminUserRoutes(admin: FastifyInstance): void {
  registerUserRoutes(admin);
  registerTokenRoutes(admin);
}
