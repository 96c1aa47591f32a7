/**
 * Perangkat (city admin and kelurahan operators): make an enrollment code for a named volunteer's
 * phone — shown once, with a QR code of the phone app's enrollment link — and watch every phone's
 * health as it reports it with each sync: silent phones, records waiting for days, storage the browser
 * may evict, a clock that is off. Revoke a phone with a confirmation. Operators see and make only
 * their kelurahan's (the registry filters; the form offers only their kelurahan).
 */
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { fill, useLang } from '../i18n';
import { useApiCall } from '../session';
import { CodeCard } from './devices/CodeCard';
import { DeviceTable } from './devices/DeviceTable';
import { sortForOffice, warningsOf, type DeviceRow } from './devices/device-health';
import { NewCodeForm, type CreatedCode } from './devices/NewCodeForm';

const W = {
  id: {
    title: 'Perangkat',
    intro:
      'Buat kode pendaftaran untuk HP relawan, lalu pantau setiap HP: kapan terakhir terhubung, data yang belum terkirim, penyimpanan dan jam HP.',
    list: 'HP relawan',
    none: 'Belum ada HP. Buat kode pendaftaran di atas.',
    attention: '{n} HP perlu perhatian.',
    allWell: 'Semua HP baik.',
    revoked: '{name} dicabut.',
    refresh: 'Muat ulang',
  },
  en: {
    title: 'Devices',
    intro:
      "Make an enrollment code for a volunteer's phone, then watch every phone: last contact, records not yet sent, storage and clock.",
    list: "Volunteers' phones",
    none: 'No phones yet. Make an enrollment code above.',
    attention: '{n} phones need attention.',
    allWell: 'All phones are well.',
    revoked: '{name} revoked.',
    refresh: 'Reload',
  },
};

export function DevicesScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [devices, setDevices] = useState<DeviceRow[]>();
  const [made, setMade] = useState<CreatedCode>();
  const [message, setMessage] = useState<{ text: string; isError?: boolean }>();
  const [nowMs, setNowMs] = useState(() => Date.now());

  async function load(): Promise<void> {
    const r = await call(() => get<{ items: DeviceRow[] }>('/admin/devices'));
    if (!r.ok) return setMessage({ text: r.message, isError: true });
    setNowMs(Date.now());
    setDevices(sortForOffice(r.value.items, Date.now()));
  }
  useEffect(() => void load(), []);

  async function revoke(device: DeviceRow): Promise<void> {
    const r = await call(() => post(`/admin/devices/${device.id}/revoke`));
    setMessage(r.ok ? { text: fill(w.revoked, { name: device.name }) } : { text: r.message, isError: true });
    await load();
  }

  const troubled = devices?.filter((d) => warningsOf(d, nowMs).length > 0).length ?? 0;
  const enrolled = devices?.filter((d) => d.state === 'enrolled').length ?? 0;
  return (
    <section class="k-devices-screen">
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      <NewCodeForm
        onCreated={(code) => {
          setMade(code);
          setMessage(undefined);
          void load();
        }}
      />
      {made && <CodeCard made={made} onClose={() => setMade(undefined)} />}
      <p role="status" class={message ? (message.isError ? 'k-error' : 'k-note') : 'k-sr'}>
        {message?.text ?? ''}
      </p>
      <div class="k-devices-head">
        <h2>{w.list}</h2>
        {devices && enrolled > 0 && (
          <p class={troubled > 0 ? 'k-warn k-pill' : 'k-ok k-pill'}>
            {troubled > 0 ? fill(w.attention, { n: troubled }) : w.allWell}
          </p>
        )}
        <button type="button" onClick={() => void load()}>
          {w.refresh}
        </button>
      </div>
      {devices && devices.length === 0 && <p>{w.none}</p>}
      {devices && devices.length > 0 && <DeviceTable devices={devices} nowMs={nowMs} onRevoke={revoke} />}
    </section>
  );
}
