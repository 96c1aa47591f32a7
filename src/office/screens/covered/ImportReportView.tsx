/** What the registry found in every row: the bad ones (nothing is imported while there are any) and the skipped. */
import { useLang } from '../../i18n';

export interface RowNote {
  row: number;
  nik: string;
  reason: string;
}

export interface Report {
  valid: number;
  errors: RowNote[];
  skipped: RowNote[];
  imported: number;
}

const W = {
  id: {
    ok: '{n} baris benar.',
    bad: '{n} baris salah — tidak ada yang diimpor sampai semuanya diperbaiki di berkas:',
    skipped: '{n} baris dilewati (sudah ada):',
    row: 'Baris',
    reason: 'Alasan',
    more: '… dan {n} lagi',
  },
  en: {
    ok: '{n} rows are correct.',
    bad: '{n} rows are wrong — nothing is imported until all are fixed in the file:',
    skipped: '{n} rows skipped (already there):',
    row: 'Row',
    reason: 'Reason',
    more: '… and {n} more',
  },
};

const SHOWN = 200;
const fill = (t: string, n: number) => t.replace('{n}', n.toLocaleString('id-ID'));

function Notes(props: { notes: RowNote[]; title: string; error?: boolean }) {
  const { lang } = useLang();
  const w = W[lang];
  return (
    <div class={props.error ? 'k-error' : 'k-note'}>
      <p>{props.title}</p>
      <table class="k-table">
        <thead>
          <tr>
            <th scope="col">{w.row}</th>
            <th scope="col">NIK</th>
            <th scope="col">{w.reason}</th>
          </tr>
        </thead>
        <tbody>
          {props.notes.slice(0, SHOWN).map((n) => (
            <tr key={n.row}>
              <td>{n.row}</td>
              <td class="k-mono">{n.nik}</td>
              <td>{n.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.notes.length > SHOWN && <p>{fill(w.more, props.notes.length - SHOWN)}</p>}
    </div>
  );
}

export function ImportReportView({ report }: { report: Report }) {
  const { lang } = useLang();
  const w = W[lang];
  return (
    <section aria-live="polite">
      <p>{fill(w.ok, report.valid)}</p>
      {report.errors.length > 0 && (
        <Notes notes={report.errors} title={fill(w.bad, report.errors.length)} error />
      )}
      {report.skipped.length > 0 && (
        <Notes notes={report.skipped} title={fill(w.skipped, report.skipped.length)} />
      )}
    </section>
  );
}
