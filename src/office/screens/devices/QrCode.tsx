/**
 * A QR code as an inline SVG drawn from the `qrcode` package's module matrix: one path, no inline
 * style or markup string, so it passes the CSP and prints sharp. Imported statically on purpose: a
 * lazily loaded chunk made only of node_modules code would not be named `office-*`, and the phones'
 * service worker would precache it (see scripts/vite-kantor.ts); in Kantor's own bundle it costs
 * about 10 KB gzip on the desk and nothing on a phone.
 */
import { create } from 'qrcode';

/** The margin QR readers expect around the symbol, in modules. */
const QUIET_ZONE = 4;

/** One `M x y h1 v1 h-1 z` square per dark module, runs on a row merged into one rectangle. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, d: parts.join('') };
}

export function QrCode(props: { text: string; label: string }) {
  const { size, d } = qrPath(props.text);
  return (
    <svg
      class="k-qr"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
