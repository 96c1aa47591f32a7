/**
 * The list of registrations on this phone: counters, search by name or NIK prefix, filters by
 * kelurahan and sync state. Loaded lazily (not on the first paint). Live: a save in another tab or
 * a sync result updates it without a reload.
 */
import { useState } from 'preact/hooks';
import { isoDateOf } from '../../shared/dates';
import { KECAMATAN, KELURAHAN, findKelurahan } from '../../shared/reference';
import { countRegistrations, searchRegistrations, type PhoneRecord, type SyncState } from '../db';
import { useI18n } from '../i18n';
import { HREF } from '../shell/routes';
import { useDb, useServices } from '../shell/services';
import { KelurahanProgress } from './KelurahanProgress';
import { useDebounced } from './use-debounced';
import { useLive } from './use-live';
import { BADGE_STATES, SyncBadge } from './SyncBadge';

function Counters() {
  const db = useDb();
  const { now } = useServices();
  const { t } = useI18n();
  const today = isoDateOf(now());
  const counts = useLive(() => countRegistrations(db, today), [db, today]);
  const items = [
    { label: t('records.today'), value: counts?.today },
    { label: t('records.total'), value: counts?.total },
    { label: t('records.waiting'), value: counts?.waiting },
  ];
  return (
    <dl class="counters">
      {items.map((item) => (
        <div key={item.label} class="counter">
          <dt>{item.label}</dt>
          <dd>{item.value ?? '–'}</dd>
        </div>
      ))}
    </dl>
  );
}

function RecordRow({ record }: { record: PhoneRecord }) {
  return (
    <li>
      <a class="record-row" href={HREF.record(record.id)}>
        <span class="record-name">{record.fullName}</span>
        <span class="record-meta">
          {record.slimmedAt === undefined ? record.nik : `•••• ${record.nikLast4}`} ·{' '}
          {findKelurahan(record.kelurahanKode)?.nama ?? record.kelurahanKode}
        </span>
        <SyncBadge state={record.syncState} serverStatus={record.serverStatus} />
      </a>
    </li>
  );
}

function Filters(props: {
  query: string;
  kelurahanKode: string;
  syncState: string;
  onChange: (patch: Partial<{ query: string; kelurahanKode: string; syncState: string }>) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="filters">
      <label for="records-search">{t('records.search')}</label>
      <input
        id="records-search"
        type="search"
        value={props.query}
        autoComplete="off"
        onInput={(e) => props.onChange({ query: e.currentTarget.value })}
      />
      <div class="row">
        <div class="field">
          <label for="records-kelurahan">{t('records.filterKelurahan')}</label>
          <select
            id="records-kelurahan"
            value={props.kelurahanKode}
            onChange={(e) => props.onChange({ kelurahanKode: e.currentTarget.value })}
          >
            <option value="">{t('records.all')}</option>
            {KECAMATAN.map((kec) => (
              <optgroup key={kec.kode} label={kec.nama}>
                {KELURAHAN.filter((k) => k.kecamatanKode === kec.kode).map((k) => (
                  <option key={k.kode} value={k.kode}>
                    {k.nama}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="records-state">{t('records.filterState')}</label>
          <select
            id="records-state"
            value={props.syncState}
            onChange={(e) => props.onChange({ syncState: e.currentTarget.value })}
          >
            <option value="">{t('records.all')}</option>
            {BADGE_STATES.filter((s) => s !== 'draft').map((s) => (
              <option key={s} value={s}>
                {t(`badge.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

export function RecordsScreen() {
  const db = useDb();
  const { t } = useI18n();
  const [filters, setFilters] = useState({ query: '', kelurahanKode: '', syncState: '' });
  const query = useDebounced(filters.query.trim());
  const records = useLive(
    () =>
      searchRegistrations(db, {
        query: query || undefined,
        kelurahanKode: filters.kelurahanKode || undefined,
        syncState: (filters.syncState || undefined) as SyncState | undefined, // options are SyncState values
      }),
    [db, query, filters.kelurahanKode, filters.syncState],
  );
  const isFiltered = Boolean(filters.query || filters.kelurahanKode || filters.syncState);
  return (
    <section class="screen">
      <h2>{t('records.title')}</h2>
      <KelurahanProgress />
      <Counters />
      <Filters {...filters} onChange={(patch) => setFilters((current) => ({ ...current, ...patch }))} />
      {records === undefined && <p class="loading">{t('app.loading')}</p>}
      {records?.length === 0 && <p class="empty">{t(isFiltered ? 'records.noMatch' : 'records.empty')}</p>}
      <ul class="record-list" aria-label={t('records.title')}>
        {records?.map((record) => (
          <RecordRow key={record.id} record={record} />
        ))}
      </ul>
    </section>
  );
}
