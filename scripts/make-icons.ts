/**
 * Draws Jaring's icons with plain Node (no image libraries): a bold white "J" over a light net
 * (jaring) lattice on the theme green #0b6e4f. Writes public/icons/*.png and public/favicon.ico.
 * Run with `npx tsx scripts/make-icons.ts`; the output is committed.
 *
 * Shapes are described in a unit square and sampled 4×4 per pixel for smooth edges. The maskable
 * icon fills the whole square and keeps the mark inside the central 80 % safe zone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const GREEN: Rgba = [0x0b, 0x6e, 0x4f, 255];
const NET: Rgba = [0x2f, 0x8f, 0x6f, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

interface IconSpec {
  file: string;
  size: number;
  /** Rounded-corner radius of the background (0 = full bleed square). */
  cornerRadius: number;
  /** Scale of the mark around the centre: 1 fills the square, 0.6 stays in the maskable safe zone. */
  markScale: number;
}

function insideRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The "J" in mark coordinates (0..1): top bar, stem, and a half-ring hook. */
function insideJ(x: number, y: number): boolean {
  const topBar = x >= 0.3 && x <= 0.74 && y >= 0.16 && y <= 0.3;
  const stem = x >= 0.56 && x <= 0.74 && y >= 0.16 && y <= 0.6;
  const d = Math.hypot(x - 0.45, y - 0.6);
  const hook = y >= 0.6 && d <= 0.29 && d >= 0.11;
  const hookEnd = x >= 0.16 && x <= 0.34 && y >= 0.52 && y <= 0.6;
  return topBar || stem || hook || hookEnd;
}

/** Thin diagonal lattice lines: the net. */
function onNet(x: number, y: number): boolean {
  const spacing = 0.125;
  const width = 0.012;
  const a = (((x + y) % spacing) + spacing) % spacing;
  const b = (((x - y) % spacing) + spacing) % spacing;
  return a < width || b < width;
}

function colourAt(spec: IconSpec, x: number, y: number): Rgba {
  if (spec.cornerRadius > 0 && !insideRoundedSquare(x, y, spec.cornerRadius)) return CLEAR;
  const mx = (x - 0.5) / spec.markScale + 0.5;
  const my = (y - 0.5) / spec.markScale + 0.5;
  if (insideJ(mx, my)) return WHITE;
  return onNet(x, y) ? NET : GREEN;
}

function renderPixels(spec: IconSpec): Buffer {
  const { size } = spec;
  const samples = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(spec, (px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Premultiplied sum, so transparent samples do not darken the edge.
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3]!;
      for (let i = 0; i < 3; i++) out[offset + i] = alpha === 0 ? 0 : Math.round(sum[i]! / alpha);
      out[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG: each scanline prefixed with filter type 0, the whole image deflated. */
function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding one PNG image (supported by every current browser). */
function encodeIco(size: number, png: Buffer): Buffer {
  const header = Buffer.from([0, 0, 1, 0, 1, 0]);
  const entry = Buffer.alloc(16);
  entry.set([size % 256, size % 256, 0, 0], 0);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(22, 12);
  return Buffer.concat([header, entry, png]);
}

const ICONS: IconSpec[] = [
  { file: 'public/icons/icon-192.png', size: 192, cornerRadius: 0.18, markScale: 0.9 },
  { file: 'public/icons/icon-512.png', size: 512, cornerRadius: 0.18, markScale: 0.9 },
  { file: 'public/icons/icon-maskable-512.png', size: 512, cornerRadius: 0, markScale: 0.62 },
  // iOS draws its own rounded corners and shows transparency as black: full bleed.
  { file: 'public/icons/apple-touch-icon.png', size: 180, cornerRadius: 0, markScale: 0.8 },
];

mkdirSync('public/icons', { recursive: true });
for (const spec of ICONS) writeFileSync(spec.file, encodePng(spec.size, renderPixels(spec)));
const favicon = { file: 'public/favicon.ico', size: 32, cornerRadius: 0.18, markScale: 1 };
writeFileSync(favicon.file, encodeIco(favicon.size, encodePng(favicon.size, renderPixels(favicon))));
console.log(`wrote ${ICONS.length + 1} icons`);
