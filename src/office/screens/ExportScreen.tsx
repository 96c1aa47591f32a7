/**
 * Ekspor: the list of people for BPJS's collective registration, as XLSX or CSV, filtered by kelurahan
 * (an operator: only theirs), status and registration date. The downloads are plain links to the
 * registry's export routes: the browser sends the session cookie along and saves the file under the name
 * the registry gives it, and the registry checks the filters, the scope and audits the export.
 */
import { useState } from 'preact/hooks';
import { useLang } from '../i18n';
import { kelurahanChoices, KelurahanOptions } from '../kelurahan-choices';
import { useSession } from '../session';

const W = {
  id: {
    title: 'Ekspor',
    intro: 'Daftar peserta untuk pendaftaran kolektif BPJS Ketenagakerjaan: satu baris per orang.',
    filters: 'Pilih data',
    kelurahan: 'Kelurahan',
    city: 'Seluruh Kota Malang',
    mine: 'Semua kelurahan saya',
    status: 'Status',
    from: 'Didaftarkan sejak',
    to: 'Didaftarkan sampai',
    dateHint: 'Tanggal WIB; kosongkan untuk semua tanggal.',
    badRange: 'Tanggal "sejak" tidak boleh sesudah tanggal "sampai".',
    download: 'Unduh',
    xlsx: 'Unduh XLSX (Excel)',
    csv: 'Unduh CSV',
    xlsxFor: 'Untuk Excel dan pendaftaran kolektif BPJS.',
    csvFor: 'Untuk aplikasi lain dan skrip.',
    formats:
      'XLSX menyimpan NIK dan nomor HP sebagai teks sehingga langsung aman dibuka di Excel, sedangkan CSV harus dibuka lewat Data → From Text/CSV dengan kolom NIK dan HP diatur sebagai Teks agar NIK tidak berubah menjadi 3,57302E+15.',
    audited: 'Setiap unduhan dicatat di log audit: siapa, saringan apa, dan berapa baris.',
  },
  en: {
    title: 'Export',
    intro: 'The list of people for the BPJS Ketenagakerjaan collective registration: one row per person.',
    filters: 'Choose the data',
    kelurahan: 'Kelurahan',
    city: 'All of Kota Malang',
    mine: 'All my kelurahan',
    status: 'Status',
    from: 'Registered from',
    to: 'Registered until',
    dateHint: 'WIB dates; leave empty for all dates.',
    badRange: 'The "from" date cannot be after the "until" date.',
    download: 'Download',
    xlsx: 'Download XLSX (Excel)',
    csv: 'Download CSV',
    xlsxFor: 'For Excel and the BPJS collective registration.',
    csvFor: 'For other programs and scripts.',
    formats:
      'XLSX keeps NIK and phone numbers as text, so it opens safely in Excel, while a CSV must be opened with Data → From Text/CSV with the NIK and phone columns set to Text, or a NIK turns into 3.57302E+15.',
    audited: 'Every download is recorded in the audit log: who, which filters and how many rows.',
  },
};

/** The status choices, as the registry's `status` parameter ('' is its default: all but rejected). */
const STATUSES = [
  { value: '', id: 'Semua kecuali ditolak', en: 'All but rejected' },
  { value: 'received', id: 'Diterima (belum diperiksa)', en: 'Received (not yet reviewed)' },
  { value: 'verified', id: 'Terverifikasi', en: 'Verified' },
  { value: 'active', id: 'Aktif', en: 'Active' },
  { value: 'verified,active', id: 'Terverifikasi dan aktif', en: 'Verified and active' },
  { value: 'rejected', id: 'Ditolak', en: 'Rejected' },
] as const;

interface Choice {
  kelurahan: string;
  status: string;
  from: string;
  to: string;
}

/** The export route for these choices; empty choices are left out so the registry's defaults apply. */
export function exportHref(format: 'csv' | 'xlsx', choice: Choice): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(choice)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/v1/admin/export.${format}${query ? `?${query}` : ''}`;
}

export function ExportScreen() {
  const { lang } = useLang();
  const { me } = useSession();
  const w = W[lang];
  const own = kelurahanChoices(me.kelurahan);
  // An operator of one kelurahan has nothing to choose: that one is the export.
  const only = me.kelurahan && own.length === 1 ? own[0]!.kode : '';
  const [choice, setChoice] = useState<Choice>({ kelurahan: only, status: '', from: '', to: '' });
  const set = (key: keyof Choice) => (e: Event) =>
    setChoice({ ...choice, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const badRange = Boolean(choice.from && choice.to && choice.from > choice.to);

  return (
    <section>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <form class="k-form k-inline k-filters" aria-label={w.filters} onSubmit={(e) => e.preventDefault()}>
        <h2>{w.filters}</h2>
        <label>
          {w.kelurahan}
          <select value={choice.kelurahan} onChange={set('kelurahan')}>
            {!only && <option value="">{me.kelurahan ? w.mine : w.city}</option>}
            <KelurahanOptions scope={me.kelurahan} />
          </select>
        </label>
        <label>
          {w.status}
          <select value={choice.status} onChange={set('status')}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.from}
          <input
            type="date"
            value={choice.from}
            max={choice.to || undefined}
            aria-describedby="export-date-hint"
            onChange={set('from')}
          />
        </label>
        <label>
          {w.to}
          <input
            type="date"
            value={choice.to}
            min={choice.from || undefined}
            aria-describedby="export-date-hint"
            onChange={set('to')}
          />
        </label>
        <p class="k-muted" id="export-date-hint">
          {w.dateHint}
        </p>
      </form>

      <h2>{w.download}</h2>
      {badRange ? (
        <p class="k-error" role="alert">
          {w.badRange}
        </p>
      ) : (
        <div class="k-cards">
          <a class="k-card k-card-link" href={exportHref('xlsx', choice)} download>
            <p class="k-card-value k-small">{w.xlsx}</p>
            <p class="k-muted">{w.xlsxFor}</p>
          </a>
          <a class="k-card k-card-link" href={exportHref('csv', choice)} download>
            <p class="k-card-value k-small">{w.csv}</p>
            <p class="k-muted">{w.csvFor}</p>
          </a>
        </div>
      )}
      <p class="k-note">{w.formats}</p>
      <p class="k-muted">{w.audited}</p>
    </section>
  );
}
