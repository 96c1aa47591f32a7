/** The KTP photo's pure rules: which bytes are a photo, the size it is drawn at, when to stop compressing. */
import { describe, expect, it } from 'vitest';
import {
  JPEG_QUALITY_STEPS,
  KtpPhotoSchema,
  MAX_PHOTO_BYTES,
  TARGET_PHOTO_BYTES,
  nextCompressionStep,
  scaledSize,
  sniffPhotoType,
} from '../../src/shared/photo';
import { RegistrationSchema } from '../../src/shared/registration';
import { ktpPhotoOf, photoBytes } from '../fixtures/photos';
import { makeRegistration } from '../fixtures/registrations';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffPhotoType', () => {
  it.each([
    ['JPEG', photoBytes(1, 'image/jpeg'), 'image/jpeg'],
    ['PNG', photoBytes(1, 'image/png'), 'image/png'],
    ['WebP', photoBytes(1, 'image/webp'), 'image/webp'],
    [
      'a RIFF that is not WebP (WAV)',
      bytes(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45),
      undefined,
    ],
    ['GIF', new TextEncoder().encode('GIF89a……'), undefined],
    ['HTML', new TextEncoder().encode('<html>'), undefined],
    ['two JPEG bytes only', bytes(0xff, 0xd8), undefined],
    ['nothing', bytes(), undefined],
  ])('%s', (_label, input, type) => expect(sniffPhotoType(input)).toBe(type));
});

describe('scaledSize', () => {
  it.each([
    [4000, 3000, { width: 1600, height: 1200 }],
    [3000, 4000, { width: 1200, height: 1600 }],
    [1200, 900, { width: 1200, height: 900 }],
    [1601, 1, { width: 1600, height: 1 }],
  ])('%i×%i → %o', (width, height, expected) => expect(scaledSize(width, height)).toEqual(expected));
});

describe('nextCompressionStep', () => {
  it('stops as soon as a try fits the target', () => {
    expect(nextCompressionStep(TARGET_PHOTO_BYTES, 0, 1600)).toBeUndefined();
  });

  it('lowers the quality first, then the long edge, and gives up above 400 px', () => {
    const steps: Array<{ qualityIndex: number; longEdge: number }> = [];
    let step = { qualityIndex: 0, longEdge: 1600 };
    for (let next; (next = nextCompressionStep(TARGET_PHOTO_BYTES + 1, step.qualityIndex, step.longEdge));) {
      steps.push((step = next));
    }
    expect(steps.slice(0, JPEG_QUALITY_STEPS.length - 1).every((s) => s.longEdge === 1600)).toBe(true);
    expect(steps.map((s) => s.longEdge).at(-1)).toBeGreaterThanOrEqual(400);
    expect(steps.length).toBeLessThan(40);
  });
});

describe('the record names its photo', () => {
  it('accepts a record with a well-formed photo and one without', () => {
    expect(RegistrationSchema.safeParse(makeRegistration()).success).toBe(true);
    const withPhoto = makeRegistration({ ktpPhoto: ktpPhotoOf(photoBytes(1)) });
    expect(RegistrationSchema.parse(withPhoto).ktpPhoto).toEqual(withPhoto.ktpPhoto);
  });

  it.each([
    { sha256: 'A'.repeat(64), bytes: 10, type: 'image/jpeg' },
    { sha256: 'a'.repeat(64), bytes: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' },
    { sha256: 'a'.repeat(64), bytes: 10, type: 'image/gif' },
  ])('refuses %o', (photo) => expect(KtpPhotoSchema.safeParse(photo).success).toBe(false));
});
