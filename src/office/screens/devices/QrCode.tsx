/**
 * A QR code as an inline SVG drawn from the `qrcode` package's module matrix (src/shared/qr-path.ts): one path, no inline
 * style or markup string, so it passes the CSP and prints sharp. Imported statically on purpose: a
 * lazily loaded chunk made only of node_modules code would not be named `office-*`, and the phones'
 * service worker would precache it (see scripts/vite-kantor.ts); in Kantor's own bundle it costs
 * about 10 KB gzip on the desk and nothing on a phone.
 */
import { create } from 'qrcode';
import { qrPath } from '../../../shared/qr-path';

export function QrCode(props: { text: string; label: string }) {
  const { size, d } = qrPath(create(props.text, { errorCorrectionLevel: 'M' }).modules);
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
