/**
 * A new code, shown once (the registry keeps only its hash): a QR code of the phone app's enrollment
 * link `${origin}/?kode=<code>` for the volunteer's camera, the code in large letters to type instead,
 * and when it stops working.
 */
import { findKelurahan } from '../../../shared/reference';
import { fill, useLang } from '../../i18n';
import type { CreatedCode } from './NewCodeForm';
import { QrCode } from './QrCode';
import { localeOf } from '../../../shared/format';

const W = {
  id: {
    title: 'Kode untuk {name}',
    qr: 'Kode QR pendaftaran untuk {name}',
    scan: 'Pindai kode QR ini dengan kamera HP relawan: Jaring terbuka di Pengaturan dengan kode terisi, lalu tekan «Daftarkan HP ini». Atau buka {origin} di HP dan ketik kode di Pengaturan.',
    until: 'Berlaku sekali, sampai {at}.',
    once: 'Kode ini hanya ditampilkan sekarang. Jika hilang, buat kode baru.',
    close: 'Tutup',
  },
  en: {
    title: 'Code for {name}',
    qr: 'Enrollment QR code for {name}',
    scan: "Scan this QR code with the volunteer's phone camera: Jaring opens at Settings with the code filled in; then press “Daftarkan HP ini”. Or open {origin} on the phone and type the code in Settings.",
    until: 'Works once, until {at}.',
    once: 'This code is shown only now. If it is lost, make a new one.',
    close: 'Close',
  },
};

/** The phone app's address that fills the code in (src/client/shell/enroll-link.ts reads it). */
export function enrollLink(origin: string, code: string): string {
  return `${origin}/?kode=${encodeURIComponent(code)}`;
}

export function CodeCard(props: { made: CreatedCode; onClose(): void }) {
  const { lang } = useLang();
  const w = W[lang];
  const { made } = props;
  const origin = window.location.origin;
  const place = made.kelurahanKode ? (findKelurahan(made.kelurahanKode)?.nama ?? made.kelurahanKode) : '';
  const at = new Date(made.expiresAt).toLocaleString(localeOf(lang), {
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return (
    <div class="k-secret k-code-card" role="dialog" aria-labelledby="code-card-title">
      <QrCode text={enrollLink(origin, made.code)} label={fill(w.qr, { name: made.name })} />
      <div>
        <h2 id="code-card-title">{fill(w.title, { name: made.name })}</h2>
        {place && <p class="k-muted">{place}</p>}
        <p>
          <code class="k-code k-code-big">{made.code}</code>
        </p>
        <p>{fill(w.until, { at })}</p>
        <p>{fill(w.scan, { origin })}</p>
        <p class="k-muted">{w.once}</p>
        <button type="button" onClick={props.onClose}>
          {w.close}
        </button>
      </div>
    </div>
  );
}
