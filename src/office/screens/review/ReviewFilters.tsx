/** The review queue's filters: kelurahan, occupation, device and the received dates (WIB). */
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
}

const W = {
  id: {
    all: 'Semua',
    kelurahan: 'Kelurahan',
    occupation: 'Pekerjaan',
    device: 'ID perangkat',
    from: 'Diterima sejak',
    to: 'Diterima sampai',
    filters: 'Saring data',
  },
  en: {
    all: 'All',
    kelurahan: 'Kelurahan',
    occupation: 'Occupation',
    device: 'Device id',
    from: 'Received from',
    to: 'Received until',
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
    </form>
  );
}
