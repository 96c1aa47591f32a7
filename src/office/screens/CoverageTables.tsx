/**
 * Coverage per kecamatan and per kelurahan: registered, target, how many more reach it, with a bar
 * against the target. Kelurahan are listed furthest behind first, so the ones that need a visit lead.
 */
import { findKecamatan } from '../../shared/reference';
import { useLang } from '../i18n';

export interface Figures {
  registered: number;
  alreadyCovered: number;
  estimatedWorkers: number;
  targetPeople: number;
  targetPercent: number | null;
  percent: number | null;
  toTarget: number;
  apbd: { monthly: number; yearly: number };
  apbdAtTarget: { monthly: number; yearly: number };
}

export type PlaceFigures = Figures & { kode: string; nama: string; kecamatanKode?: string };

const WORDS = {
  id: {
    perKecamatan: 'Cakupan per kecamatan',
    perKelurahan: 'Cakupan per kelurahan (yang paling tertinggal di atas)',
    kecamatan: 'Kecamatan',
    kelurahan: 'Kelurahan',
    registered: 'Terdaftar',
    estimate: 'Perkiraan',
    target: 'Target',
    percent: 'Cakupan',
    toTarget: 'Kurang',
  },
  en: {
    perKecamatan: 'Coverage per kecamatan',
    perKelurahan: 'Coverage per kelurahan (furthest behind first)',
    kecamatan: 'Kecamatan',
    kelurahan: 'Kelurahan',
    registered: 'Registered',
    estimate: 'Estimate',
    target: 'Target',
    percent: 'Coverage',
    toTarget: 'Still needed',
  },
};

function Bar({ f }: { f: Figures }) {
  const percent = f.percent ?? 0;
  const target = f.targetPercent ?? 40;
  return (
    <span class="k-bar" aria-hidden="true">
      <span
        class={percent >= target ? 'k-bar-fill k-bar-done' : 'k-bar-fill'}
        style={{ width: `${Math.min(100, percent)}%` }}
      />
      <span class="k-bar-target" style={{ left: `${Math.min(100, target)}%` }} />
    </span>
  );
}

function Table(props: { caption: string; places: PlaceFigures[]; withKecamatan: boolean }) {
  const { lang } = useLang();
  const w = WORDS[lang];
  const num = (n: number) => n.toLocaleString('id-ID');
  return (
    <table class="k-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.withKecamatan ? w.kelurahan : w.kecamatan}</th>
          {props.withKecamatan && <th scope="col">{w.kecamatan}</th>}
          <th scope="col" class="k-num">
            {w.registered}
          </th>
          <th scope="col" class="k-num">
            {w.estimate}
          </th>
          <th scope="col" class="k-num">
            {w.target}
          </th>
          <th scope="col" class="k-num">
            {w.percent}
          </th>
          <th scope="col" class="k-num">
            {w.toTarget}
          </th>
          <th scope="col">
            <span class="k-sr">{w.percent}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.places.map((p) => (
          <tr key={p.kode}>
            <th scope="row">{p.nama}</th>
            {props.withKecamatan && <td>{findKecamatan(p.kecamatanKode ?? '')?.nama ?? ''}</td>}
            <td class="k-num">{num(p.registered)}</td>
            <td class="k-num">{num(p.estimatedWorkers)}</td>
            <td class="k-num">{num(p.targetPeople)}</td>
            <td class="k-num">{p.percent ?? 0}%</td>
            <td class="k-num">{num(p.toTarget)}</td>
            <td>
              <Bar f={p} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CoverageTables(props: { kecamatan: PlaceFigures[]; kelurahan: PlaceFigures[] }) {
  const { lang } = useLang();
  const w = WORDS[lang];
  const behindFirst = [...props.kelurahan].sort(
    (a, b) => (a.percent ?? 0) - (b.percent ?? 0) || b.toTarget - a.toTarget,
  );
  return (
    <>
      <h2>{w.perKecamatan}</h2>
      <Table caption={w.perKecamatan} places={props.kecamatan} withKecamatan={false} />
      <h2>{w.perKelurahan}</h2>
      <Table caption={w.perKelurahan} places={behindFirst} withKecamatan />
    </>
  );
}
