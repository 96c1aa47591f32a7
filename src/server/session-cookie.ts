/**
 * The session cookie, through @fastify/cookie. HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), Path=/, and — whenever the request came over HTTPS — Secure with the
 * `__Host-` prefix, which the browser only accepts from a secure origin with no Domain attribute.
 * A plain-HTTP pilot on a local network gets the same cookie without the two HTTPS-only guards.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const SECURE_NAME = '__Host-jaring_session';
const PLAIN_NAME = 'jaring_session';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = isHttps(request) ? request.cookies[SECURE_NAME] : request.cookies[PLAIN_NAME];
  return value && SESSION_ID.test(value) ? value : undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  const secure = isHttps(request);
  // No Max-Age: the cookie dies with the browser; the server ends the session after idle/absolute time.
  reply.setCookie(secure ? SECURE_NAME : PLAIN_NAME, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isHttps(request);
  reply.clearCookie(secure ? SECURE_NAME : PLAIN_NAME, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
  });
}
