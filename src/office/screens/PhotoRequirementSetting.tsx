/**
 * Whether the office requires a KTP photo with every registration (city admin). Phones learn it at
 * every pull and then ask for the photo before they save; the registry keeps accepting records without
 * one (older phones, a phone too full to store it), which the review panel shows as "Tanpa foto KTP".
 */
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import { useLang } from '../i18n';
import { useApiCall } from '../session';

const W = {
  id: {
    title: 'Foto KTP',
    intro:
      'Jika diwajibkan, HP relawan meminta foto KTP sebelum menyimpan data pendaftaran (baru atau yang diubah). Data tanpa foto dari HP lama tetap diterima dan ditandai "Tanpa foto KTP" saat verifikasi.',
    label: 'Wajibkan foto KTP untuk setiap pendaftaran',
    savedOn: 'Disimpan: foto KTP wajib. HP relawan menerimanya saat sinkron berikutnya.',
    savedOff: 'Disimpan: foto KTP tidak wajib.',
  },
  en: {
    title: 'KTP photo',
    intro:
      "When required, volunteers' phones ask for a KTP photo before saving a registration (new or edited). Records without one from older phones are still accepted and marked “No KTP photo” in review.",
    label: 'Require a KTP photo with every registration',
    savedOn: "Saved: the KTP photo is required. Volunteers' phones get it at their next sync.",
    savedOff: 'Saved: the KTP photo is optional.',
  },
};

export function PhotoRequirementSetting() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [isRequired, setRequired] = useState<boolean>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  useEffect(() => {
    void call(() => get<{ requireKtpPhoto?: boolean }>('/admin/settings')).then((r) =>
      r.ok ? setRequired(r.value.requireKtpPhoto === true) : setMessage({ text: r.message, error: true }),
    );
  }, []);

  async function change(next: boolean): Promise<void> {
    const r = await call(() => put('/admin/settings', { requireKtpPhoto: next }));
    if (r.ok) setRequired(next);
    setMessage(r.ok ? { text: next ? w.savedOn : w.savedOff } : { text: r.message, error: true });
  }

  return (
    <section aria-labelledby="ktp-photo-title">
      <h2 id="ktp-photo-title">{w.title}</h2>
      <p class="k-muted">{w.intro}</p>
      {isRequired !== undefined && (
        <label>
          <input
            type="checkbox"
            checked={isRequired}
            onChange={(e) => void change(e.currentTarget.checked)}
          />{' '}
          {w.label}
        </label>
      )}
      <p role="status" class={message?.error ? 'k-error' : message ? 'k-note' : 'k-sr'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
