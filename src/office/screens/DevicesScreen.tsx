/** Perangkat: placeholder, replaced by the devices screen. */
export function DevicesScreen() {
  return <h1>Perangkat</h1>;
}
