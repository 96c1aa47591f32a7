/**
 * Officer passwords: argon2id (@node-rs/argon2, prebuilt binaries inside the npm package, OWASP's
 * recommended parameters by default) and the policy every new password meets. The plain password lives
 * only in this call's memory: it is never stored, logged or echoed back.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 accepts any length; a bound keeps a 1 MB "password" from costing the server anything. */
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function isPasswordOf(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A valid hash of a random secret: checked for unknown usernames so timing does not tell them apart. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash(`decoy-${randomInt(1e9)}-${Date.now()}`);
  return decoyHash;
}

/** Why a new password is refused, in Indonesian; undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Kata sandi maksimal ${MAX_PASSWORD_LENGTH} karakter.`;
  const folded = password.toLowerCase();
  if (COMMON_PASSWORDS.has(folded)) return 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.';
  if (/^(.)\1+$/.test(password)) return 'Kata sandi tidak boleh satu karakter yang diulang.';
  if (username && folded.includes(username.toLowerCase()))
    return 'Kata sandi tidak boleh memuat nama pengguna.';
  return undefined;
}

/** Crockford-style alphabet without look-alikes, read off a screen and typed once. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password (about 79 bits) that must be changed at the first sign-in. */
export function newOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
