/**
 * Peserta lama (city admin): load the list of people the city already covers at BPJS — a CSV or XLSX
 * with at least NIK, name and kelurahan. Choose the file, match its columns, look at the first rows,
 * check every row at the registry (nothing is written), then import: all or nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../api';
import { fill, useLang } from '../../i18n';
import { useApiCall } from '../../session';
import { guessColumns, readTable, rowsFor, type ColumnMap, type Table } from './read-table';
import { ImportReportView, type Report } from './ImportReportView';

const W = {
  id: {
    title: 'Peserta lama',
    intro:
      'Orang yang sudah ditanggung APBD di BPJS dihitung dalam cakupan. Muat daftar dari BPJS (CSV atau XLSX) dengan kolom NIK, nama dan kelurahan.',
    total: 'Sudah dimuat: {n} orang',
    file: 'Berkas daftar BPJS (.csv atau .xlsx)',
    reading: 'Membaca berkas…',
    columns: 'Cocokkan kolom',
    nik: 'Kolom NIK',
    fullName: 'Kolom nama',
    kelurahan: 'Kolom kelurahan',
    choose: '— pilih —',
    preview: 'Contoh {n} baris pertama dari {total}',
    check: 'Periksa semua baris',
    import: 'Impor {n} orang',
    imported: '{n} orang dimuat. Cakupan sudah diperbarui.',
    unreadable: 'Berkas tidak dapat dibaca. Simpan sebagai CSV atau XLSX lalu coba lagi.',
  },
  en: {
    title: 'Already covered',
    intro:
      'People the city budget already covers at BPJS count in coverage. Load the BPJS list (CSV or XLSX) with NIK, name and kelurahan columns.',
    total: 'Loaded so far: {n} people',
    file: 'BPJS list (.csv or .xlsx)',
    reading: 'Reading the file…',
    columns: 'Match the columns',
    nik: 'NIK column',
    fullName: 'Name column',
    kelurahan: 'Kelurahan column',
    choose: '— choose —',
    preview: 'First {n} rows of {total}',
    check: 'Check every row',
    import: 'Import {n} people',
    imported: '{n} people loaded. Coverage is up to date.',
    unreadable: 'The file cannot be read. Save it as CSV or XLSX and try again.',
  },
};

const FIELDS: Array<keyof ColumnMap> = ['nik', 'fullName', 'kelurahan'];

export function CoveredScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [total, setTotal] = useState<number>();
  const [file, setFile] = useState<{ name: string; table: Table }>();
  const [map, setMap] = useState<ColumnMap>({ nik: -1, fullName: -1, kelurahan: -1 });
  const [report, setReport] = useState<Report>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const loadTotal = () =>
    call(() => get<{ total: number }>('/admin/covered')).then((r) => r.ok && setTotal(r.value.total));
  useEffect(() => void loadTotal(), []);

  async function choose(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    setReport(undefined);
    setMessage(undefined);
    if (!chosen) return;
    setBusy(true);
    try {
      const table = await readTable(chosen);
      setFile({ name: chosen.name, table });
      setMap(guessColumns(table[0] ?? []));
    } catch {
      setMessage({ text: w.unreadable, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function send(dryRun: boolean): Promise<void> {
    if (!file) return;
    setBusy(true);
    const r = await call(() =>
      post<Report>('/admin/covered/import', { fileName: file.name, dryRun, rows: rowsFor(file.table, map) }),
    );
    setBusy(false);
    if (!r.ok) return setMessage({ text: r.message, error: true });
    setReport(r.value);
    if (!dryRun && r.value.imported > 0) {
      setMessage({ text: fill(w.imported, { n: r.value.imported.toLocaleString('id-ID') }) });
      setFile(undefined);
      void loadTotal();
    }
  }

  const header = file?.table[0] ?? [];
  const mapped = FIELDS.every((f) => map[f] >= 0);
  const importable = report && report.errors.length === 0 ? report.valid - report.skipped.length : 0;
  return (
    <section>
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      {total !== undefined && (
        <p>
          <strong>{fill(w.total, { n: total.toLocaleString('id-ID') })}</strong>
        </p>
      )}
      <p role="status" class={message?.error ? 'k-error' : message ? 'k-note' : 'k-sr'}>
        {message?.text ?? ''}
      </p>
      <label class="k-form">
        {w.file}
        <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => void choose(e.currentTarget)} />
      </label>
      {busy && <p>{w.reading}</p>}
      {file && (
        <>
          <h2>{w.columns}</h2>
          <div class="k-form k-inline">
            {FIELDS.map((field) => (
              <label key={field}>
                {w[field]}
                <select
                  value={String(map[field])}
                  onChange={(e) => {
                    setReport(undefined);
                    setMap({ ...map, [field]: Number(e.currentTarget.value) });
                  }}
                >
                  <option value="-1">{w.choose}</option>
                  {header.map((h, i) => (
                    <option key={i} value={String(i)}>
                      {h || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <table class="k-table">
            <caption>
              {fill(w.preview, {
                n: Math.min(10, file.table.length - 1),
                total: (file.table.length - 1).toLocaleString('id-ID'),
              })}
            </caption>
            <thead>
              <tr>
                {FIELDS.map((f) => (
                  <th key={f} scope="col">
                    {w[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rowsFor(file.table.slice(0, 11), map).map((row, i) => (
                <tr key={i}>
                  <td class="k-mono">{row.nik}</td>
                  <td>{row.fullName}</td>
                  <td>{row.kelurahan}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="k-actions k-space">
            <button type="button" disabled={!mapped || busy} onClick={() => void send(true)}>
              {w.check}
            </button>
            <button
              type="button"
              class="k-primary"
              disabled={!mapped || busy || importable === 0}
              onClick={() => void send(false)}
            >
              {fill(w.import, { n: importable.toLocaleString('id-ID') })}
            </button>
          </div>
        </>
      )}
      {report && <ImportReportView report={report} />}
    </section>
  );
}
