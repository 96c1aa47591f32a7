/**
 * The review queue's filters: kelurahan, occupation, device, the registration dates (WIB days of the
 * registry's receipt) and records from a phone enrolled for another kelurahan.
 */
import { OCCUPATIONS } from '../../../shared/occupations';
import { KelurahanOptions } from '../../kelurahan-choices';
import { useLang } from '../../i18n';
import { useSession } from '../../session';

export interface Filters {
  kelurahan?: string;
  occupation?: string;
  device?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** 'true': only records from a phone enrolled for another kelurahan. */
  kelurahanMismatch?: string;
}

const W = {
  id: {
    all: 'Semua',
    kelurahan: 'Kelurahan',
    occupation: 'Pekerjaan',
    device: 'ID perangkat',
    from: 'Terdaftar sejak',
    to: 'Terdaftar sampai',
    mismatch: 'Hanya dari HP kelurahan lain',
    filters: 'Saring data',
  },
  en: {
    all: 'All',
    kelurahan: 'Kelurahan',
    occupation: 'Occupation',
    device: 'Device id',
    from: 'Registered from',
    to: 'Registered until',
    mismatch: 'Only from phones of another kelurahan',
    filters: 'Filter records',
  },
};

export function ReviewFilters(props: { value: Filters; onChange(next: Filters): void }) {
  const { lang } = useLang();
  const { me } = useSession();
  const w = W[lang];
  const set = (key: keyof Filters, value: string) =>
    props.onChange({ ...props.value, [key]: value || undefined });
  return (
    <form class="k-form k-inline k-filters" aria-label={w.filters} onSubmit={(e) => e.preventDefault()}>
      <label>
        {w.kelurahan}
        <select value={props.value.kelurahan ?? ''} onChange={(e) => set('kelurahan', e.currentTarget.value)}>
          <option value="">{w.all}</option>
          <KelurahanOptions scope={me.kelurahan} />
        </select>
      </label>
      <label>
        {w.occupation}
        <select
          value={props.value.occupation ?? ''}
          onChange={(e) => set('occupation', e.currentTarget.value)}
        >
          <option value="">{w.all}</option>
          {OCCUPATIONS.map((o) => (
            <option key={o.code} value={o.code}>
              {o[lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.device}
        <input
          value={props.value.device ?? ''}
          maxLength={64}
          onChange={(e) => set('device', e.currentTarget.value.trim())}
        />
      </label>
      <label>
        {w.from}
        <input
          type="date"
          value={props.value.receivedFrom ?? ''}
          onChange={(e) => set('receivedFrom', e.currentTarget.value)}
        />
      </label>
      <label>
        {w.to}
        <input
          type="date"
          value={props.value.receivedTo ?? ''}
          onChange={(e) => set('receivedTo', e.currentTarget.value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={props.value.kelurahanMismatch === 'true'}
          onChange={(e) => set('kelurahanMismatch', e.currentTarget.checked ? 'true' : '')}
        />
        {w.mismatch}
      </label>
    </form>
  );
}
