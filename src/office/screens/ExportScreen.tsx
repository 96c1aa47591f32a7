/** Ekspor: placeholder, replaced by the export screen. */
export function ExportScreen() {
  return <h1>Ekspor</h1>;
}
