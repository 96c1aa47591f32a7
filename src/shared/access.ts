/**
 * Who may do what at the city office: ONE declarative table of every officer route of the registry
 * (the admin API under /api/v1/admin and the signed-in part of /api/v1/auth). The registry checks every
 * request against it (a route missing from the table refuses to start), and Kantor shows a screen or a
 * button only when the same table allows it, so the console and the server can never disagree.
 *
 * `scoped` routes are open to operators, but only for their own kelurahan: a list returns only
 * in-scope rows, one record out of scope is 404, and a write out of scope is 403.
 */

export const ROLES = ['admin', 'verifikator', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  admin: { id: 'Admin kota', en: 'City admin' },
  verifikator: { id: 'Verifikator', en: 'Verifier' },
  operator: { id: 'Operator kelurahan', en: 'Kelurahan operator' },
};

export interface RouteRule {
  roles: readonly Role[];
  /** Operators reach it for their own kelurahan only (rows are filtered by their scope). */
  scoped?: boolean;
}

const ALL: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];
const OFFICE: readonly Role[] = ['admin', 'verifikator'];
const FIELD: readonly Role[] = ['admin', 'operator'];

/** "METHOD /path" below /api/v1, with Fastify's `:param` placeholders. */
export const ACCESS_TABLE = {
  // Anyone signed in: who am I, sign out, change my own password.
  'GET /auth/me': { roles: ALL },
  'POST /auth/logout': { roles: ALL },
  'POST /auth/password': { roles: ALL },

  // Phones: enrollment codes and devices (operators for their kelurahan).
  'POST /admin/enrollment-codes': { roles: FIELD, scoped: true },
  'GET /admin/enrollment-codes': { roles: FIELD, scoped: true },
  'GET /admin/devices': { roles: FIELD, scoped: true },
  'POST /admin/devices/:id/revoke': { roles: FIELD, scoped: true },

  // Personal data: read by all (operators: their kelurahan); status only at the office.
  'GET /admin/registrations': { roles: ALL, scoped: true },
  'GET /admin/registrations/:id': { roles: ALL, scoped: true },
  'GET /admin/registrations/:id/versions': { roles: ALL, scoped: true },
  // The KTP photo: whoever may read the record, audited like it.
  'GET /admin/registrations/:id/photo': { roles: ALL, scoped: true },
  'POST /admin/registrations/:id/status': { roles: OFFICE },
  'POST /admin/registrations/status': { roles: OFFICE },
  // Erasure on the person's request (UU PDP): irreversible, so the city admin alone, who answers for it.
  'POST /admin/registrations/:id/erase': { roles: ADMIN },
  'GET /admin/export.csv': { roles: ALL, scoped: true },

  // Duplicate NIKs: the second person's data, and settling it, at the office only.
  'GET /admin/duplicates': { roles: OFFICE },
  'GET /admin/duplicates/:id': { roles: OFFICE },
  'POST /admin/duplicates/:id/resolve': { roles: OFFICE },
  'GET /admin/export.xlsx': { roles: ALL, scoped: true },

  // Coverage: everyone reads (operators: their kelurahan); only the city sets targets.
  'GET /admin/coverage': { roles: ALL, scoped: true },
  'GET /admin/overview': { roles: ALL, scoped: true },
  'PUT /admin/coverage/targets/:kelurahanKode': { roles: ADMIN },
  // People already covered at BPJS (peserta lama): seen at the office, imported by the city admin.
  'GET /admin/covered': { roles: OFFICE },
  'POST /admin/covered/import': { roles: ADMIN },

  // Accounts, machine tokens and the audit log: the city admin only.
  'GET /admin/audit': { roles: ADMIN },
  'GET /admin/users': { roles: ADMIN },
  'POST /admin/users': { roles: ADMIN },
  'POST /admin/users/:id/role': { roles: ADMIN },
  'POST /admin/users/:id/reset-password': { roles: ADMIN },
  'POST /admin/users/:id/deactivate': { roles: ADMIN },
  'POST /admin/users/:id/activate': { roles: ADMIN },
  'POST /admin/users/:id/unlock': { roles: ADMIN },
  'GET /admin/tokens': { roles: ADMIN },
  'POST /admin/tokens': { roles: ADMIN },
  'POST /admin/tokens/:id/revoke': { roles: ADMIN },
  // The registry's settings: how long phones keep full records (src/shared/retention.ts).
  'GET /admin/settings': { roles: ADMIN },
  'PUT /admin/settings': { roles: ADMIN },
} as const satisfies Record<string, RouteRule>;

export type AccessKey = keyof typeof ACCESS_TABLE;

export function ruleFor(key: string): RouteRule | undefined {
  return (ACCESS_TABLE as Record<string, RouteRule>)[key];
}

/** Whether a role may call a route at all (scope is checked per row by the registry). */
export function canCall(role: Role, key: AccessKey): boolean {
  return ACCESS_TABLE[key].roles.includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
