/**
 * The rescue backup file (`.jaring`): the records a phone has not got to the registry yet, encrypted
 * with a passphrase the volunteer types, to carry them to another phone. Pure apart from WebCrypto
 * (globalThis.crypto.subtle, which Node has too): no DOM, no database.
 *
 * Layout, three lines of text:
 *   JARING-CADANGAN                     the magic line: a file from another app stops here
 *   {"format":1,"kelurahanKode":…}      the header, JSON: format version, the phone's kelurahan, the
 *                                       creation time, the KDF and cipher parameters, the ciphertext size
 *   <base64 of the AES-GCM ciphertext>  the contents, JSON: { records: [...], photos?: [...] }
 *
 * The header line's exact bytes are the cipher's additional authenticated data, so the kelurahan, the
 * time and the parameters cannot be changed without the decryption failing. Key: PBKDF2-SHA-256 with
 * 600,000 iterations (OWASP's figure for it), a random 16-byte salt; AES-GCM 256 with a random 12-byte IV.
 *
 * Format 1 may carry a `photos` section; a reader of format 1 ignores what it does not know, so photos
 * can be added without breaking older files. A format above BACKUP_FORMAT needs a newer app.
 */
import * as z from 'zod/mini';

export const BACKUP_MAGIC = 'JARING-CADANGAN';
export const BACKUP_FORMAT = 1;
export const PBKDF2_ITERATIONS = 600_000;
/** A header asking for more would keep the phone busy for minutes: not a file this app wrote. */
const MAX_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;

const base64 = z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/));
const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  kelurahanKode: z.nullable(z.string().check(z.maxLength(20))),
  createdAt: z.iso.datetime(),
  kdf: z.object({
    name: z.literal('PBKDF2-SHA-256'),
    iterations: z.int().check(z.gte(PBKDF2_ITERATIONS), z.lte(MAX_ITERATIONS)),
    salt: base64,
  }),
  cipher: z.object({ name: z.literal('AES-GCM-256'), iv: base64 }),
  /** Bytes of ciphertext: a shorter file was cut off on its way. */
  size: z.int().check(z.gte(0)),
});
export type BackupHeader = z.infer<typeof HeaderSchema>;

const ContentsSchema = z.object({
  records: z.array(z.unknown()),
  photos: z.optional(z.array(z.unknown())),
});
export type BackupContents = z.infer<typeof ContentsSchema>;

/** Why a file could not be read; the screen turns each into a sentence. */
export type BackupReadFailure = 'not_backup' | 'newer_format' | 'damaged' | 'wrong_passphrase';
export type BackupReadResult =
  { ok: true; header: BackupHeader; contents: BackupContents } | { ok: false; reason: BackupReadFailure };

const encoder = new TextEncoder();

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface BackupMeta {
  /** The kelurahan the phone is enrolled for; null for a city-wide phone or one not enrolled. */
  kelurahanKode: string | null;
  createdAt: string;
}

/** The backup file's bytes. The passphrase is used here and never kept. */
export async function encodeBackup(
  contents: BackupContents,
  meta: BackupMeta,
  passphrase: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS);
  const plain = encoder.encode(JSON.stringify(contents));
  // AES-GCM's ciphertext is the plaintext plus its 16-byte tag, so the size is known before encrypting.
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    ...meta,
    kdf: { name: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM-256', iv: toBase64(iv) },
    size: plain.length + 16,
  };
  const headerLine = JSON.stringify(header);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(headerLine) },
    key,
    plain,
  );
  return encoder.encode(`${BACKUP_MAGIC}\n${headerLine}\n${toBase64(new Uint8Array(sealed))}\n`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The header, checked before any key is derived: the format first, so a newer file says so. */
function readHeader(line: string): BackupHeader | BackupReadFailure {
  const json = parseJson(line);
  const format = (json as { format?: unknown } | undefined)?.format;
  if (typeof format === 'number' && format > BACKUP_FORMAT) return 'newer_format';
  const parsed = HeaderSchema.safeParse(json);
  return parsed.success ? parsed.data : 'damaged';
}

function readCiphertext(line: string | undefined, header: BackupHeader): Uint8Array<ArrayBuffer> | undefined {
  if (line === undefined || !base64.safeParse(line).success) return undefined;
  try {
    const bytes = fromBase64(line);
    return bytes.length === header.size ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a backup file: every failure is a reason, never an exception. */
export async function decodeBackup(bytes: Uint8Array, passphrase: string): Promise<BackupReadResult> {
  const text = new TextDecoder().decode(bytes);
  const [magic, headerLine, body] = text.split('\n');
  if (magic !== BACKUP_MAGIC || headerLine === undefined) return { ok: false, reason: 'not_backup' };
  const header = readHeader(headerLine);
  if (typeof header === 'string') return { ok: false, reason: header };
  const sealed = readCiphertext(body, header);
  if (!sealed) return { ok: false, reason: 'damaged' };
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);
    const iv = fromBase64(header.cipher.iv);
    const additionalData = encoder.encode(headerLine);
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, sealed);
  } catch {
    // AES-GCM cannot tell a wrong key from a changed file: both fail its tag check.
    return { ok: false, reason: 'wrong_passphrase' };
  }
  const contents = ContentsSchema.safeParse(parseJson(new TextDecoder().decode(plain)));
  return contents.success ? { ok: true, header, contents: contents.data } : { ok: false, reason: 'damaged' };
}

/** `jaring-cadangan-<kelurahan>-<yyyymmdd-hhmm>.jaring`, in the phone's local time. */
export function backupFileName(kelurahanKode: string | null, at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  return `jaring-cadangan-${kelurahanKode ?? 'kota'}-${day}-${two(at.getHours())}${two(at.getMinutes())}.jaring`;
}
