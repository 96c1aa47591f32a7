/**
 * How long the volunteers' phones keep a person's full record after the registry accepted it (city
 * admin; src/shared/retention.ts). Phones learn the value with every pull and slim what is due
 * (src/client/db/retention.ts); the change is audited by the registry.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import { fill, useLang } from '../i18n';
import { useApiCall } from '../session';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../shared/retention';

const W = {
  id: {
    title: 'Data di HP relawan',
    intro:
      'Berapa hari HP relawan menyimpan data lengkap seseorang setelah data itu diterima kantor. Setelah itu — atau begitu diverifikasi — HP hanya menyimpan nama, kelurahan, status dan empat angka terakhir NIK. HP menerima angka ini setiap kali sinkron.',
    days: 'Hari di HP (1–365)',
    save: 'Simpan lama penyimpanan',
    saved: 'Disimpan: {n} hari. HP relawan menerimanya saat sinkron berikutnya.',
  },
  en: {
    title: "Data on volunteers' phones",
    intro:
      "How many days a volunteer's phone keeps a person's full record after the office accepted it. After that — or once verified — the phone keeps only the name, kelurahan, status and the NIK's last four digits. Phones receive this number at every sync.",
    days: 'Days on the phone (1–365)',
    save: 'Save retention',
    saved: "Saved: {n} days. Volunteers' phones get it at their next sync.",
  },
};

export function RetentionSetting() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [days, setDays] = useState<number>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  useEffect(() => {
    void call(() => get<{ phoneRetentionDays: number }>('/admin/settings')).then((r) =>
      r.ok ? setDays(r.value.phoneRetentionDays) : setMessage({ text: r.message, error: true }),
    );
  }, []);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget as HTMLFormElement).get('days'));
    const r = await call(() => put('/admin/settings', { phoneRetentionDays: value }));
    setMessage(r.ok ? { text: fill(w.saved, { n: value }) } : { text: r.message, error: true });
  }

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{w.title}</h2>
      <p class="k-muted">{w.intro}</p>
      {days !== undefined && (
        <form class="k-row-form" onSubmit={(e) => void submit(e)}>
          <label>
            {w.days}
            <input
              name="days"
              type="number"
              min={MIN_RETENTION_DAYS}
              max={MAX_RETENTION_DAYS}
              required
              value={days}
            />
          </label>
          <button type="submit">{w.save}</button>
        </form>
      )}
      <p role="status" class={message?.error ? 'k-error' : message ? 'k-note' : 'k-sr'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
