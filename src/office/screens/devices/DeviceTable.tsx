/**
 * The phones and their health, one row each: last contact, records waiting (and for how long), app
 * version (under the name, to keep the table narrow at 768 px), storage, clock, records received (with
 * the NIK checks of the last 24 hours under them); a
 * warning says why in a word under the value and in full below the table (device-health.ts), and
 * "Cabut" asks for a confirmation before it revokes.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { findKelurahan } from '../../../shared/reference';
import { fill, useLang } from '../../i18n';
import { ago, offsetText, probesOf, warningsOf, type DeviceRow, type Warning } from './device-health';
import { localeOf } from '../../../shared/format';

const W = {
  id: {
    phone: 'HP',
    state: 'Status',
    contact: 'Kontak terakhir',
    waiting: 'Menunggu kirim',
    storage: 'Penyimpanan',
    clock: 'Jam HP',
    records: 'Data',
    actions: 'Tindakan',
    pending: 'Menunggu pendaftaran',
    pendingUntil: 'kode berlaku s.d. {at}',
    expired: 'Kode kedaluwarsa',
    enrolled: 'Aktif',
    revoked: 'Dicabut',
    never: 'belum pernah',
    unknown: '—',
    oldest: 'terlama {ago}',
    persistent: 'Aman',
    notPersistent: 'Bisa terhapus',
    revoke: 'Cabut',
    confirm:
      'Cabut {name}? HP ini tidak dapat mengirim data lagi sampai didaftarkan ulang dengan kode baru. Data yang sudah terkirim tetap tersimpan.',
    yes: 'Ya, cabut',
    no: 'Batal',
    warn: {
      silent: 'Tanpa kabar > 3 hari',
      unsent: 'Tertahan > 3 hari',
      storage: 'Data bisa hilang',
      clock: 'Meleset > 5 menit',
      probing: 'Mencoba banyak NIK',
    },
    probes: '{n} cek NIK / 24 jam',
    legend: {
      silent: 'Tanpa kabar: HP tidak terhubung ke server lebih dari 3 hari. Hubungi relawannya.',
      unsent:
        'Tertahan: ada data di HP yang belum terkirim lebih dari 3 hari. Minta relawan mencari sinyal lalu tekan «Sinkronkan sekarang».',
      storage:
        'Data bisa hilang: browser tidak menjanjikan menyimpan data HP ini; data yang belum terkirim bisa terhapus saat memori penuh.',
      clock:
        'Jam HP meleset lebih dari 5 menit: tanggal dan jam pada data dari HP ini bisa salah. Minta relawan memperbaiki jam HP.',
      probing:
        'Mencoba banyak NIK: dalam 24 jam HP ini menerima banyak jawaban «NIK sudah terdaftar» atau mengganti banyak NIK, atau datanya ditahan. Bisa jadi ada yang menebak-nebak NIK; periksa log audit HP ini dan cabut bila perlu.',
    },
  },
  en: {
    phone: 'Phone',
    state: 'State',
    contact: 'Last contact',
    waiting: 'Waiting to send',
    storage: 'Storage',
    clock: 'Phone clock',
    records: 'Records',
    actions: 'Actions',
    pending: 'Waiting to enroll',
    pendingUntil: 'code valid until {at}',
    expired: 'Code expired',
    enrolled: 'Active',
    revoked: 'Revoked',
    never: 'never',
    unknown: '—',
    oldest: 'oldest {ago}',
    persistent: 'Safe',
    notPersistent: 'May be evicted',
    revoke: 'Revoke',
    confirm:
      'Revoke {name}? This phone cannot send records until it is enrolled again with a new code. Records already sent stay.',
    yes: 'Yes, revoke',
    no: 'Cancel',
    warn: {
      silent: 'Silent > 3 days',
      unsent: 'Stuck > 3 days',
      storage: 'Records may be lost',
      clock: 'Off by > 5 min',
      probing: 'Trying many NIKs',
    },
    probes: '{n} NIK checks / 24 h',
    legend: {
      silent: 'Silent: the phone has not reached the server for more than 3 days. Call the volunteer.',
      unsent:
        'Stuck: a record on the phone has waited more than 3 days. Ask the volunteer to find a signal and press “Sinkronkan sekarang”.',
      storage:
        "Records may be lost: the browser does not promise to keep this phone's data; unsent records may be evicted when space runs out.",
      clock:
        "Clock off by more than 5 minutes: dates and times in this phone's records may be wrong. Ask the volunteer to set the clock.",
      probing:
        'Trying many NIKs: in 24 hours this phone got many "NIK already registered" answers or changed many NIKs, or had records held. Someone may be guessing NIKs; check its audit log and revoke it if need be.',
    },
  },
};

type Words = (typeof W)['id'];

const WARNING_ORDER: Warning[] = ['silent', 'unsent', 'storage', 'clock', 'probing'];

function stateText(d: DeviceRow, w: Words, lang: 'id' | 'en'): string {
  if (d.state !== 'pending' || !d.codeExpiresAt) return w[d.state];
  const at = new Date(d.codeExpiresAt).toLocaleDateString(localeOf(lang));
  return `${w.pending} (${fill(w.pendingUntil, { at })})`;
}

function placeAndVersion(d: DeviceRow): string {
  const place = d.kelurahanKode ? (findKelurahan(d.kelurahanKode)?.nama ?? d.kelurahanKode) : '';
  return [place, d.appVersion && `v${d.appVersion}`].filter(Boolean).join(' · ');
}

/** A cell that carries a warning says so in words, not only in colour. */
function Cell(props: { warning: Warning; warnings: Warning[]; w: Words; children: ComponentChildren }) {
  const isWarned = props.warnings.includes(props.warning);
  return (
    <td class={isWarned ? 'k-warn' : ''}>
      {props.children}
      {isWarned && <span class="k-warn-why">{props.w.warn[props.warning]}</span>}
    </td>
  );
}

function Row(props: { d: DeviceRow; nowMs: number; onRevoke(d: DeviceRow): void }) {
  const { lang } = useLang();
  const w = W[lang];
  const { d, nowMs } = props;
  const warnings = warningsOf(d, nowMs);
  const isEnrolled = d.state === 'enrolled';
  const waiting =
    d.pending === null
      ? w.unknown
      : d.pending > 0 && d.oldestPendingAt
        ? `${d.pending} (${fill(w.oldest, { ago: ago(d.oldestPendingAt, nowMs, lang) })})`
        : String(d.pending);
  const storage =
    d.storagePersisted === null ? w.unknown : d.storagePersisted ? w.persistent : w.notPersistent;
  const cellProps = { warnings, w };
  return (
    <tr
      class={[warnings.length > 0 && 'k-device-warn', d.state === 'revoked' && 'k-muted']
        .filter(Boolean)
        .join(' ')}
    >
      <th scope="row">
        {d.name}
        <span class="k-sub">{placeAndVersion(d)}</span>
      </th>
      <td>{stateText(d, w, lang)}</td>
      <Cell warning="silent" {...cellProps}>
        {isEnrolled ? (d.lastContactAt ? ago(d.lastContactAt, nowMs, lang) : w.never) : w.unknown}
      </Cell>
      <Cell warning="unsent" {...cellProps}>
        {isEnrolled ? waiting : w.unknown}
      </Cell>
      <Cell warning="storage" {...cellProps}>
        {isEnrolled ? storage : w.unknown}
      </Cell>
      <Cell warning="clock" {...cellProps}>
        {d.clockOffsetMs === null ? w.unknown : offsetText(d.clockOffsetMs, lang)}
      </Cell>
      <Cell warning="probing" {...cellProps}>
        {d.registrations.toLocaleString(localeOf(lang))}
        {probesOf(d) > 0 && <span class="k-sub">{fill(w.probes, { n: probesOf(d) })}</span>}
      </Cell>
      <td>
        {d.state !== 'revoked' && d.state !== 'expired' && (
          <button type="button" onClick={() => props.onRevoke(d)} aria-label={`${w.revoke} ${d.name}`}>
            {w.revoke}
          </button>
        )}
      </td>
    </tr>
  );
}

export function DeviceTable(props: {
  devices: DeviceRow[];
  nowMs: number;
  onRevoke(d: DeviceRow): Promise<void>;
}) {
  const { lang } = useLang();
  const w = W[lang];
  const [asking, setAsking] = useState<DeviceRow>();
  // What each warning means, for the warnings on screen only.
  const present = new Set(props.devices.flatMap((d) => warningsOf(d, props.nowMs)));
  const shown = WARNING_ORDER.filter((warning) => present.has(warning));
  return (
    <>
      {asking && (
        <div class="k-secret" role="alertdialog" aria-labelledby="revoke-q">
          <p id="revoke-q">{fill(w.confirm, { name: asking.name })}</p>
          <div class="k-actions">
            <button
              type="button"
              class="k-danger"
              onClick={() => void props.onRevoke(asking).then(() => setAsking(undefined))}
            >
              {w.yes}
            </button>
            <button type="button" onClick={() => setAsking(undefined)}>
              {w.no}
            </button>
          </div>
        </div>
      )}
      <table class="k-table k-devices">
        <thead>
          <tr>
            {[w.phone, w.state, w.contact, w.waiting, w.storage, w.clock, w.records].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">
              <span class="k-sr">{w.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.devices.map((d) => (
            <Row key={d.id} d={d} nowMs={props.nowMs} onRevoke={setAsking} />
          ))}
        </tbody>
      </table>
      {shown.length > 0 && (
        <ul class="k-legend">
          {shown.map((warning) => (
            <li key={warning}>{w.legend[warning]}</li>
          ))}
        </ul>
      )}
    </>
  );
}
