/**
 * Officer account fields, shared by the registry (which enforces them) and Kantor (which checks them
 * as they are typed). Usernames are lower-case so "Siti" and "siti" cannot be two accounts.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const MAX_DISPLAY_NAME = 100;

export function normalizeUsername(input: string): string {
  return input.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

/** What GET /api/v1/auth/me answers. */
export interface Me {
  id: string;
  username: string | null;
  displayName: string;
  role: 'admin' | 'verifikator' | 'operator';
  kelurahan: string[] | null;
  via: 'session' | 'token';
  mustChangePassword: boolean;
}
