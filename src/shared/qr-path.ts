/**
 * A QR symbol as one SVG path: one `M x y h… v1 h… z` rectangle per run of dark modules on a row, with
 * the quiet zone QR readers need around it. Pure: the caller makes the module matrix (the `qrcode`
 * package's `create(text).modules`), so Kantor and the phone draw the same symbol the same way.
 */

/** The module matrix of a QR symbol, as `qrcode`'s create() returns it. */
export interface QrModules {
  size: number;
  get(row: number, col: number): number | boolean;
}

/** The margin QR readers expect around the symbol, in modules. */
export const QR_QUIET_ZONE = 4;

/** Each run of dark modules on a row, in module units with the quiet zone: [x, y, width]. */
export function qrRuns(modules: QrModules): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      runs.push([start + QR_QUIET_ZONE, row + QR_QUIET_ZONE, col - start]);
    }
  }
  return runs;
}

/** The symbol's side (quiet zone included) and its SVG path. */
export function qrPath(modules: QrModules): { size: number; d: string } {
  const d = qrRuns(modules)
    .map(([x, y, width]) => `M${x} ${y}h${width}v1h${-width}z`)
    .join('');
  return { size: modules.size + 2 * QR_QUIET_ZONE, d };
}
