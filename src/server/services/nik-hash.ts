/**
 * The NIK of an erased person, kept for the audit as a hash that cannot be reversed cheaply.
 *
 * A NIK has little entropy: 6 digits of area (Kota Malang has 5 kecamatan codes), a birth date (about
 * 73,000 values with the +40 for women) and a 4-digit serial — about 3.7 × 10⁹ NIKs for the whole
 * city, and 10⁴ for someone whose birth date and kecamatan are known. A plain or HMAC'd SHA-256 of every
 * one of them takes seconds on a GPU, so a copy of the database would give every erased NIK back.
 * Instead: argon2id (19 MiB, t=2, as for passwords: about 40 ms a guess, memory-hard, so GPUs gain
 * little) with one registry-wide random salt (stored in `registry_settings`, so the same NIK always
 * gives the same hash and "was this NIK erased?" is one hash and one lookup), and, when the operator
 * sets `NIK_HASH_SECRET`, that secret as argon2's key: kept outside the database and its backups, it
 * makes a stolen copy useless for guessing at all. Without it, guessing the city's NIKs costs about
 * 4 CPU-years per registry, and one known person's 10⁴ serials about 7 CPU-minutes.
 */
import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readOrMakeSecret } from './settings';

const SALT_KEY = 'nik_hash_salt';

export async function hashNik(
  db: Kysely<Database>,
  nik: string,
  secret: string | undefined,
): Promise<string> {
  const salt = Buffer.from(await readOrMakeSecret(db, SALT_KEY, 16), 'base64url');
  return hash(nik, { salt, ...(secret ? { secret: Buffer.from(secret, 'utf8') } : {}) });
}
