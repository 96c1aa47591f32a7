/**
 * What the Perangkat screen warns about, from what GET /admin/devices says of each phone: silent for
 * more than 3 days (Ringkasan counts the same phones), a clock more than 5 minutes off (the phone's
 * times — saved, consent given — would be wrong), storage the browser may evict (unsent records
 * could be lost), a record waiting more than 3 days (the phone's own warning shows at 3 days too).
 * Pure, so the screen and its tests agree.
 */
import type { DeviceSummary } from '../../../shared/admin-protocol';
import { PROBE_WARNING_PER_DAY } from '../../../shared/nik-probing';
import { localeOf } from '../../../shared/format';

/** One phone as GET /api/v1/admin/devices lists it. */
export type DeviceRow = DeviceSummary;

export type Warning = 'silent' | 'clock' | 'storage' | 'unsent' | 'probing';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const SILENT_AFTER_MS = 3 * DAY;
export const CLOCK_OFF_MS = 5 * MINUTE;
export const UNSENT_AFTER_MS = 3 * DAY;

/** The warnings for an enrolled phone (codes and revoked phones have none), in the table's order. */
export function warningsOf(device: DeviceRow, nowMs: number): Warning[] {
  if (device.state !== 'enrolled') return [];
  const found: Warning[] = [];
  const contact = device.lastContactAt ? Date.parse(device.lastContactAt) : undefined;
  if (contact === undefined || nowMs - contact > SILENT_AFTER_MS) found.push('silent');
  if (device.pending && device.oldestPendingAt) {
    if (nowMs - Date.parse(device.oldestPendingAt) > UNSENT_AFTER_MS) found.push('unsent');
  }
  if (device.storagePersisted === false) found.push('storage');
  if (device.clockOffsetMs !== null && Math.abs(device.clockOffsetMs) > CLOCK_OFF_MS) found.push('clock');
  if (isProbing(device)) found.push('probing');
  return found;
}

/** Duplicate answers and NIK changes in 24 hours: what the phone could learn about NIKs. */
export const probesOf = (device: DeviceRow) =>
  device.nikProbes24h.duplicateAnswers + device.nikProbes24h.nikChanges;

/**
 * A phone that may be testing NIKs (src/shared/nik-probing.ts): more probes in 24 hours than an honest
 * volunteer makes, or records held because it passed the hourly limit.
 */
function isProbing(device: DeviceRow): boolean {
  return probesOf(device) > PROBE_WARNING_PER_DAY || device.nikProbes24h.held > 0;
}

/** "3 hari lalu" / "3 days ago": the largest whole unit, never "0 detik". */
export function ago(iso: string, nowMs: number, lang: 'id' | 'en'): string {
  const ms = Math.max(0, nowMs - Date.parse(iso));
  const format = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  if (ms < MINUTE) return format.format(0, 'second');
  if (ms < 60 * MINUTE) return format.format(-Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return format.format(-Math.floor(ms / (60 * MINUTE)), 'hour');
  return format.format(-Math.floor(ms / DAY), 'day');
}

/** A clock offset as people say it: "+2 mnt", "−3 jam", "tepat" within a minute. */
export function offsetText(ms: number, lang: 'id' | 'en'): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return lang === 'id' ? 'tepat' : 'on time';
  const sign = ms > 0 ? '+' : '−';
  const [value, unit] =
    abs < 60 * MINUTE
      ? [Math.round(abs / MINUTE), lang === 'id' ? 'mnt' : 'min']
      : abs < DAY
        ? [Math.round(abs / (60 * MINUTE)), lang === 'id' ? 'jam' : 'h']
        : [Math.round(abs / DAY), lang === 'id' ? 'hari' : 'd'];
  return `${sign}${value} ${unit}`;
}

/** Phones that need a look first, then the rest by name; revoked ones last. */
export function sortForOffice(devices: DeviceRow[], nowMs: number): DeviceRow[] {
  const rank = (d: DeviceRow) =>
    d.state === 'revoked' ? 3 : warningsOf(d, nowMs).length > 0 ? 0 : d.state === 'enrolled' ? 1 : 2;
  return [...devices].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'id'));
}
