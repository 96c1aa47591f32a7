/**
 * The receipt drawn on a canvas as a PNG, to share with the worker (WhatsApp, gallery) or download:
 * the same content as the card, at 720 px wide so it stays sharp on a phone (about 120 KB as PNG).
 * Only browser APIs; no HTML-to-image library (the card is simple enough to draw line by line).
 */
import { create } from 'qrcode';
import { qrRuns, QR_QUIET_ZONE } from '../../shared/qr-path';
import type { ReceiptContent } from './receipt-content';

const WIDTH = 720;
const PAD = 40;
const QR_MODULE_PX = 8;
const FONT = 'system-ui, Roboto, sans-serif';

/** Splits text into lines no wider than `max` pixels at the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > max && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

interface Labels {
  status: string;
  code: string;
}

/** Draws everything from the top; returns the height used, so a first pass can size the canvas. */
function draw(ctx: CanvasRenderingContext2D, content: ReceiptContent, labels: Labels): number {
  const text = (value: string, x: number, y: number, font: string, color = '#1a1f1c') => {
    ctx.font = font;
    ctx.fillStyle = color;
    ctx.fillText(value, x, y);
  };
  let y = PAD + 28;
  ctx.font = `bold 28px ${FONT}`;
  for (const line of wrap(ctx, content.title, WIDTH - 2 * PAD)) {
    text(line, PAD, y, `bold 28px ${FONT}`, '#07513a');
    y += 36;
  }
  y += 16;
  text(content.name, PAD, y, `bold 34px ${FONT}`);
  y += 28;
  for (const [label, value] of [...content.rows, [labels.status, content.status] as [string, string]]) {
    y += 34;
    text(label, PAD, y, `22px ${FONT}`, '#55605a');
    ctx.font = `24px ${FONT}`;
    for (const line of wrap(ctx, value, WIDTH - 2 * PAD)) {
      y += 30;
      text(line, PAD, y, `24px ${FONT}`);
    }
  }
  y += 24;
  const { modules } = create(content.code, { errorCorrectionLevel: 'M' });
  const qrSide = (modules.size + 2 * QR_QUIET_ZONE) * QR_MODULE_PX;
  ctx.fillStyle = '#fff';
  ctx.fillRect(PAD, y, qrSide, qrSide);
  ctx.fillStyle = '#000';
  for (const [x, row, width] of qrRuns(modules)) {
    ctx.fillRect(PAD + x * QR_MODULE_PX, y + row * QR_MODULE_PX, width * QR_MODULE_PX, QR_MODULE_PX);
  }
  text(labels.code, PAD + qrSide + 24, y + qrSide / 2 - 8, `22px ${FONT}`, '#55605a');
  text(content.code, PAD + qrSide + 24, y + qrSide / 2 + 28, `bold 32px ${FONT}`);
  y += qrSide + 24;
  ctx.font = `22px ${FONT}`;
  for (const line of wrap(ctx, content.claim, WIDTH - 2 * PAD)) {
    y += 30;
    text(line, PAD, y, `22px ${FONT}`);
  }
  return y + PAD;
}

/** The receipt as a PNG Blob; rejects where the browser cannot draw one. */
export async function receiptImage(content: ReceiptContent, labels: Labels): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = 2_000;
  const measure = canvas.getContext('2d');
  if (!measure) throw new Error('no 2d canvas');
  canvas.height = Math.ceil(draw(measure, content, labels));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, canvas.height);
  draw(ctx, content, labels);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}
