/**
 * Secrets the registry hands out: device tokens, admin tokens and one-time enrollment codes. Only
 * SHA-256 hashes are stored, so a copy of the database lets nobody act as a phone or an admin.
 * Tokens are 256-bit random values, so an unsalted hash is enough (no dictionary to attack).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed on a phone is hard to get wrong. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** 60 random bits as "ABCD-EFGH-JKMN"; brute force is stopped by the rate limit on /enroll. */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What a person may type for a code: any case, spaces or dashes, O for 0 and I/L for 1. */
export function normalizeEnrollmentCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes, so timing tells nothing about how much matched. */
export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
