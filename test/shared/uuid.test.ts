import { describe, expect, it } from 'vitest';
import { isRecordId } from '../../src/shared/registration';
import { uuidV4FromBytes } from '../../src/shared/uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4FromBytes', () => {
  it.each([
    ['all zero bytes', new Uint8Array(16), '00000000-0000-4000-8000-000000000000'],
    ['all 0xff bytes', new Uint8Array(16).fill(0xff), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    ['counting bytes', Uint8Array.from({ length: 16 }, (_, i) => i), '00010203-0405-4607-8809-0a0b0c0d0e0f'],
  ])('%s: version nibble 4, variant bits 10, the rest as given', (_name, bytes, expected) => {
    expect(uuidV4FromBytes(bytes)).toBe(expected);
  });

  it('random bytes always give a v4 UUID the shared schema accepts as a record id', () => {
    for (let i = 0; i < 2_000; i++) {
      const id = uuidV4FromBytes(crypto.getRandomValues(new Uint8Array(16)));
      expect(id).toMatch(V4);
      expect(isRecordId(id)).toBe(true);
    }
  });

  it('refuses a byte count other than 16', () => {
    expect(() => uuidV4FromBytes(new Uint8Array(15))).toThrow(RangeError);
  });
});
