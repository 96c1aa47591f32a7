/**
 * The officer behind a request, however they proved it (a browser session or a machine token), and the
 * kelurahan they may see. Routes read `request.principal`; nothing else decides who is calling.
 */
import type { Role } from '../shared/access';

export interface Principal {
  /** The audit actor: "user:<id>" or "token:<id>". */
  actor: string;
  via: 'session' | 'token';
  /** The signed-in user, or the token's id. */
  id: string;
  name: string;
  role: Role;
  /** Kelurahan codes an operator is limited to; null means the whole city. */
  kelurahan: readonly string[] | null;
  mustChangePassword: boolean;
  /** The session's stored hash, for sign-out and password changes. */
  sessionHash?: string;
}

/** Operators are limited to their kelurahan; admins and verifikators see the whole city. */
export function scopeFor(role: Role, kelurahan: readonly string[]): readonly string[] | null {
  return role === 'operator' ? kelurahan : null;
}

export function isInScope(principal: Principal, kelurahanKode: string | null | undefined): boolean {
  if (principal.kelurahan === null) return true;
  return kelurahanKode != null && principal.kelurahan.includes(kelurahanKode);
}

/**
 * The kelurahan filter a scoped list applies: the one asked for (if in scope), else all of the scope.
 * An operator asking for another kelurahan gets an empty scope, so the list comes back empty.
 */
export function listScope(principal: Principal, asked: string | undefined): readonly string[] | null {
  if (principal.kelurahan === null) return asked ? [asked] : null;
  if (asked) return principal.kelurahan.includes(asked) ? [asked] : [];
  return principal.kelurahan;
}
