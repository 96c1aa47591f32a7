/**
 * /api/v1/auth: sign in (public, rate-limited per IP and per username), and for a signed-in officer
 * who-am-I, sign out and change password. A password change ends every session of the user and
 * starts a fresh one for this browser, so a stolen session dies while the officer carries on.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { normalizeUsername, type Me } from '../../shared/accounts';
import { isOwnOrigin, registerAccessGuard } from '../access-guard';
import type { Principal } from '../principal';
import { ProblemError, badRequest } from '../problems';
import { clearSessionCookie, setSessionCookie } from '../session-cookie';
import { writeAudit } from '../services/audit';
import { hashPassword, isPasswordOf, passwordProblem, MAX_PASSWORD_LENGTH } from '../services/passwords';
import { createSession, deleteSession } from '../services/sessions';
import { recordWrongCurrentPassword, signIn } from '../services/sign-in';
import { endSessionsOf, findUserById } from '../services/users';

const LoginSchema = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH)),
});

const PasswordChangeSchema = z.object({
  currentPassword: z.string().check(z.maxLength(MAX_PASSWORD_LENGTH)),
  newPassword: z.string().check(z.maxLength(1000)),
});

const loginFailed = () =>
  new ProblemError(
    401,
    'login_failed',
    'Nama pengguna atau kata sandi salah. Setelah beberapa kali salah, akun dikunci sementara; admin dapat membukanya.',
  );

function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}

async function meOf(app: FastifyInstance, principal: Principal): Promise<Me> {
  const user =
    principal.via === 'session' ? await findUserById(app.registry.store.db, principal.id) : undefined;
  return {
    id: principal.id,
    username: user?.username ?? null,
    displayName: principal.name,
    role: principal.role,
    kelurahan: principal.kelurahan ? [...principal.kelurahan] : null,
    via: principal.via,
    mustChangePassword: principal.mustChangePassword,
  };
}

const signedOut = () =>
  new ProblemError(401, 'unauthorized', 'Sesi berakhir atau belum masuk. Silakan masuk lagi.');

const tooMany = () =>
  new ProblemError(429, 'rate_limited', 'Terlalu banyak percobaan masuk. Tunggu satu menit lalu coba lagi.');

function registerLogin(app: FastifyInstance): void {
  const { store, config } = app.registry;
  const perMinute = { max: config.loginRateLimit, timeWindow: 60_000 };
  // Two buckets: per client IP (before the body is read) and per username (one name guessed from
  // many addresses). @fastify/rate-limit runs one hook per request, so the second is a limiter call.
  const perUsername = app.createRateLimit({
    ...perMinute,
    keyGenerator: (request) => `login-user:${usernameOf(request.body)}`,
  });
  app.post(
    '/api/v1/auth/login',
    {
      onRequest: app.rateLimit({ ...perMinute, keyGenerator: (request) => `login-ip:${request.ip}` }),
      preHandler: async (request) => {
        const verdict = await perUsername(request);
        // isAllowed is true only for an allow-listed key; otherwise isExceeded is the verdict.
        if (!verdict.isAllowed && verdict.isExceeded) throw tooMany();
      },
    },
    async (request, reply) => {
      if (request.headers.origin && !isOwnOrigin(request, config.corsOrigins)) {
        throw new ProblemError(403, 'forbidden', 'Permintaan ditolak: asal halaman tidak dikenal.');
      }
      const parsed = LoginSchema.safeParse(request.body);
      if (!parsed.success) throw badRequest('Isi nama pengguna dan kata sandi.');
      const attempt = {
        ...parsed.data,
        username: normalizeUsername(parsed.data.username),
        ...clientOf(request),
      };
      const policy = {
        maxFailures: config.maxFailedLogins,
        lockMinutes: config.lockoutMinutes,
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
      };
      const result = await signIn(store.db, config.now(), attempt, policy);
      if (!result.ok) throw loginFailed();
      setSessionCookie(request, reply, result.sessionId);
      reply.header('cache-control', 'no-store');
      return { mustChangePassword: result.user.must_change_password === 1 };
    },
  );
}

function usernameOf(body: unknown): string {
  const name = (body as { username?: unknown } | null)?.username;
  return typeof name === 'string' ? normalizeUsername(name).slice(0, 64) : '';
}

function registerSignedIn(auth: FastifyInstance): void {
  const { store, nowIso, config } = auth.registry;
  // Each try checks the current password with argon2: as limited as signing in, per officer.
  const perOfficer = auth.createRateLimit({
    max: config.loginRateLimit,
    timeWindow: 60_000,
    keyGenerator: (request) => `password-change:${request.principal?.id ?? request.ip}`,
  });

  auth.get('/me', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return meOf(auth, request.principal);
  });

  auth.post('/logout', async (request, reply) => {
    const { principal } = request;
    if (principal.sessionHash) await deleteSession(store.db, principal.sessionHash);
    await writeAudit(store.db, nowIso(), {
      actor: principal.actor,
      action: 'auth.logout',
      target: principal.id,
    });
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  auth.post('/password', async (request, reply) => {
    const verdict = await perOfficer(request);
    if (!verdict.isAllowed && verdict.isExceeded) throw tooMany();
    const { principal } = request;
    if (principal.via !== 'session')
      throw badRequest('Kata sandi hanya bisa diganti setelah masuk di browser.');
    const parsed = PasswordChangeSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest('Isi kata sandi lama dan kata sandi baru.');
    const user = await findUserById(store.db, principal.id);
    if (!user) throw signedOut();
    if (!(await isPasswordOf(parsed.data.currentPassword, user.password_hash))) {
      const policy = { maxFailures: config.maxFailedLogins, lockMinutes: config.lockoutMinutes };
      const locked = await recordWrongCurrentPassword(store.db, nowIso(), user.id, policy, clientOf(request));
      if (!locked) throw new ProblemError(422, 'validation_failed', 'Kata sandi lama salah.');
      clearSessionCookie(request, reply);
      throw new ProblemError(
        401,
        'unauthorized',
        `Kata sandi lama salah terlalu sering: akun dikunci ${config.lockoutMinutes} menit dan semua sesi diakhiri.`,
      );
    }
    const problem = passwordProblem(parsed.data.newPassword, user.username);
    if (problem) throw new ProblemError(422, 'validation_failed', problem);
    if (parsed.data.newPassword === parsed.data.currentPassword) {
      throw new ProblemError(422, 'validation_failed', 'Kata sandi baru harus berbeda dari yang lama.');
    }
    const passwordHash = await hashPassword(parsed.data.newPassword);
    const now = nowIso();
    const sessionId = await store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: 0, failed_attempts: 0, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      await endSessionsOf(trx, user.id);
      await writeAudit(trx, now, { actor: principal.actor, action: 'user.change_password', target: user.id });
      return createSession(trx, now, user.id, clientOf(request));
    });
    setSessionCookie(request, reply, sessionId);
    return { changed: true };
  });
}

export async function registerAuthRoutes(app: FastifyInstance, seen: string[]): Promise<void> {
  registerLogin(app);
  await app.register(
    async (auth) => {
      registerAccessGuard(auth, seen);
      registerSignedIn(auth);
    },
    { prefix: '/api/v1/auth' },
  );
}
