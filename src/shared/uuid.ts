/**
 * Record ids: RFC 9562 version-4 UUIDs built from 16 random bytes that the caller supplies. Pure (no
 * platform crypto here): the phone passes `crypto.getRandomValues`, which every browser has in every
 * context, whereas `crypto.randomUUID` exists only in a secure context (HTTPS or localhost), so a phone
 * opened over plain http could not save a single record with it.
 */

export const UUID_BYTES = 16;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * The UUID for these bytes, with the version nibble set to 4 and the variant bits to 10 (RFC 9562,
 * section 5.4); the other 122 bits are the bytes as given. Lower-case, 8-4-4-4-12.
 */
export function uuidV4FromBytes(bytes: Uint8Array): string {
  if (bytes.length !== UUID_BYTES) throw new RangeError(`a UUID needs ${UUID_BYTES} bytes`);
  const b = Array.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.map((byte) => HEX[byte]!);
  return [
    hex.slice(0, 4).join(''),
    hex.slice(4, 6).join(''),
    hex.slice(6, 8).join(''),
    hex.slice(8, 10).join(''),
    hex.slice(10, 16).join(''),
  ].join('-');
}
