/** The phone's synchronous SHA-256 against Node's, across padding boundaries and multi-byte text. */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { sha256Hex, sha256HexOfBytes } from '../../src/shared/sha256';

it.each(['', 'abc', '3573015708750001', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é€😀'.repeat(20)])(
  'hashes %j as node:crypto does',
  (text) => expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex')),
);

it.each([0, 1, 63, 64, 65, 250_000])('hashes %i bytes as node:crypto does', (size) => {
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 131 + 7) & 0xff);
  expect(sha256HexOfBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
});
