/** The registry's calendar. Kota Malang keeps WIB (UTC+7, no daylight saving): "today" is the WIB date. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

export function wibDate(now: Date): string {
  return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}
