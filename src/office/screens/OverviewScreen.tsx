/**
 * Ringkasan: the city's (or an operator's kelurahan's) coverage against the target, what the APBD pays
 * now and at the target, registrations per day, records waiting for review and silent phones. The
 * chart is drawn by uPlot, loaded only here; every chart has a table beside it for screen readers and
 * for copying into a report.
 */
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import { formatRupiah } from '../../shared/premium';
import { get } from '../api';
import { fill, useLang } from '../i18n';
import { useApiCall, useCan } from '../session';
import { CoverageTables, type Figures, type PlaceFigures } from './CoverageTables';

const DayChart = lazy(() => import('../charts/DayChart'));

interface Overview {
  coverage: {
    city: Figures;
    kecamatan: PlaceFigures[];
    kelurahan: (PlaceFigures & { kecamatanKode: string })[];
  };
  perDay: { day: string; count: number }[];
  waitingForReview: number;
  silentPhones: { id: string; name: string; kelurahanKode: string | null; lastContactAt: string | null }[];
  silentAfterDays: number;
}

const WORDS = {
  id: {
    title: 'Ringkasan',
    covered: 'Terdaftar',
    ofEstimate: 'dari perkiraan {n} pekerja rentan',
    target: 'Target {p}%',
    toTarget: 'Kurang {n} orang lagi untuk target',
    reached: 'Target tercapai',
    already: 'termasuk {n} peserta lama',
    waiting: 'Menunggu verifikasi',
    silent: 'HP tanpa kabar > {d} hari',
    apbdNow: 'Iuran APBD sekarang',
    apbdTarget: 'Iuran APBD pada target',
    perMonth: '{v} per bulan',
    perYear: '{v} per tahun',
    perDay: 'Pendaftaran per hari',
    days: '{n} hari',
    day: 'Tanggal',
    count: 'Pendaftaran',
    tableOf: 'Tabel data grafik',
    silentList: 'HP tanpa kabar',
    lastContact: 'Kontak terakhir',
    none: 'Tidak ada.',
  },
  en: {
    title: 'Overview',
    covered: 'Registered',
    ofEstimate: 'of an estimated {n} vulnerable workers',
    target: 'Target {p}%',
    toTarget: '{n} more people to reach the target',
    reached: 'Target reached',
    already: 'including {n} already covered',
    waiting: 'Waiting for review',
    silent: 'Phones silent > {d} days',
    apbdNow: 'APBD premium now',
    apbdTarget: 'APBD premium at target',
    perMonth: '{v} a month',
    perYear: '{v} a year',
    perDay: 'Registrations per day',
    days: '{n} days',
    day: 'Date',
    count: 'Registrations',
    tableOf: 'Chart data table',
    silentList: 'Silent phones',
    lastContact: 'Last contact',
    none: 'None.',
  },
};

export function OverviewScreen() {
  const { lang } = useLang();
  const w = WORDS[lang];
  const call = useApiCall();
  const can = useCan();
  const [data, setData] = useState<Overview>();
  const [error, setError] = useState<string>();
  const [range, setRange] = useState<30 | 90>(30);

  useEffect(() => {
    void call(() => get<Overview>('/admin/overview')).then((r) =>
      r.ok ? setData(r.value) : setError(r.message),
    );
  }, []);

  if (error)
    return (
      <p class="k-error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p>…</p>;
  const { city } = data.coverage;
  const num = (n: number) => n.toLocaleString('id-ID');
  const days = data.perDay.slice(-range);
  return (
    <section>
      <h1>{w.title}</h1>
      <div class="k-cards">
        <div class="k-card">
          <p class="k-card-label">{w.covered}</p>
          <p class="k-card-value">
            {num(city.registered)} <span class="k-card-unit">({city.percent ?? 0}%)</span>
          </p>
          <p class="k-muted">{fill(w.ofEstimate, { n: num(city.estimatedWorkers) })}</p>
          <div class="k-meter" role="img" aria-label={`${city.percent ?? 0}% / ${city.targetPercent ?? 40}%`}>
            <span class="k-meter-fill" style={{ width: `${Math.min(100, city.percent ?? 0)}%` }} />
            <span class="k-meter-target" style={{ left: `${Math.min(100, city.targetPercent ?? 40)}%` }} />
          </div>
          <p>
            <strong>{fill(w.target, { p: Math.round(city.targetPercent ?? 40) })}</strong>:{' '}
            {city.toTarget > 0 ? fill(w.toTarget, { n: num(city.toTarget) }) : w.reached}
          </p>
          {city.alreadyCovered > 0 && (
            <p class="k-muted">{fill(w.already, { n: num(city.alreadyCovered) })}</p>
          )}
        </div>
        <a
          class="k-card k-card-link"
          href={can('POST /admin/registrations/:id/status') ? '#/verifikasi' : '#/ringkasan'}
        >
          <p class="k-card-label">{w.waiting}</p>
          <p class="k-card-value">{num(data.waitingForReview)}</p>
        </a>
        <a class="k-card k-card-link" href="#/perangkat">
          <p class="k-card-label">{fill(w.silent, { d: data.silentAfterDays })}</p>
          <p class="k-card-value">{num(data.silentPhones.length)}</p>
        </a>
        <div class="k-card">
          <p class="k-card-label">{w.apbdNow}</p>
          <p class="k-card-value k-small">{fill(w.perMonth, { v: formatRupiah(city.apbd.monthly) })}</p>
          <p class="k-muted">{fill(w.perYear, { v: formatRupiah(city.apbd.yearly) })}</p>
          <p class="k-card-label">{w.apbdTarget}</p>
          <p class="k-card-value k-small">
            {fill(w.perMonth, { v: formatRupiah(city.apbdAtTarget.monthly) })}
          </p>
          <p class="k-muted">{fill(w.perYear, { v: formatRupiah(city.apbdAtTarget.yearly) })}</p>
        </div>
      </div>

      <h2 id="per-day">{w.perDay}</h2>
      <div class="k-toggle" role="group" aria-labelledby="per-day">
        {([30, 90] as const).map((n) => (
          <button type="button" key={n} aria-pressed={range === n} onClick={() => setRange(n)}>
            {fill(w.days, { n })}
          </button>
        ))}
      </div>
      <div class="k-chart-row">
        <Suspense fallback={<div class="k-chart" />}>
          <DayChart days={days} label={w.count} width={640} />
        </Suspense>
        <details class="k-chart-table">
          <summary>{w.tableOf}</summary>
          <table class="k-table">
            <caption class="k-sr">{w.perDay}</caption>
            <thead>
              <tr>
                <th scope="col">{w.day}</th>
                <th scope="col">{w.count}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>

      <CoverageTables kecamatan={data.coverage.kecamatan} kelurahan={data.coverage.kelurahan} />

      <h2>{w.silentList}</h2>
      {data.silentPhones.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <table class="k-table">
          <thead>
            <tr>
              <th scope="col">HP</th>
              <th scope="col">{w.lastContact}</th>
            </tr>
          </thead>
          <tbody>
            {data.silentPhones.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{d.lastContactAt ? new Date(d.lastContactAt).toLocaleString(lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
