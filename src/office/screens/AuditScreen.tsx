/**
 * Audit (city admin): who did or read what, when — sign-ins, status changes, exports, every read of
 * personal data — filtered by person, kind of action and day, newest first, more on demand.
 */
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { useLang } from '../i18n';
import { useApiCall } from '../session';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

const ACTIONS = [
  'auth',
  'registration',
  'export',
  'user',
  'api_token',
  'enrollment_code',
  'device',
  'coverage_target',
];
const PAGE = 100;

const W = {
  id: {
    title: 'Log audit',
    intro: 'Setiap masuk, perubahan, dan setiap pembacaan data pribadi tercatat di sini.',
    actor: 'Pelaku',
    action: 'Jenis tindakan',
    all: 'Semua',
    from: 'Dari tanggal',
    to: 'Sampai tanggal',
    when: 'Waktu',
    target: 'Sasaran',
    detail: 'Rincian',
    more: 'Muat lebih banyak',
    none: 'Tidak ada catatan untuk saringan ini.',
    filters: 'Saring log audit',
  },
  en: {
    title: 'Audit log',
    intro: 'Every sign-in, every change and every read of personal data is recorded here.',
    actor: 'Actor',
    action: 'Kind of action',
    all: 'All',
    from: 'From',
    to: 'Until',
    when: 'Time',
    target: 'Target',
    detail: 'Detail',
    more: 'Load more',
    none: 'No entries for this filter.',
    filters: 'Filter the audit log',
  },
};

function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export function AuditScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [filters, setFilters] = useState({ actor: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<Entry[]>();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string>();

  async function load(before?: number): Promise<void> {
    const params = new URLSearchParams({ limit: String(PAGE) });
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    if (before) params.set('before', String(before));
    const r = await call(() => get<{ items: Entry[] }>(`/admin/audit?${params}`));
    if (!r.ok) return setError(r.message);
    setError(undefined);
    setEntries((old) => (before ? [...(old ?? []), ...r.value.items] : r.value.items));
    setHasMore(r.value.items.length === PAGE);
  }
  useEffect(() => void load(), [filters]);
  useEffect(() => {
    void call(() => get<{ items: Array<{ id: string; username: string }> }>('/admin/users')).then(
      (r) => r.ok && setNames(new Map(r.value.items.map((u) => [`user:${u.id}`, u.username]))),
    );
  }, []);

  const set = (key: keyof typeof filters, value: string) => setFilters({ ...filters, [key]: value });
  return (
    <section>
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      <form class="k-form k-inline k-filters" aria-label={w.filters} onSubmit={(e) => e.preventDefault()}>
        <label>
          {w.actor}
          <select value={filters.actor} onChange={(e) => set('actor', e.currentTarget.value)}>
            <option value="">{w.all}</option>
            {[...names].map(([actor, username]) => (
              <option key={actor} value={actor}>
                {username}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.action}
          <select value={filters.action} onChange={(e) => set('action', e.currentTarget.value)}>
            <option value="">{w.all}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.from}
          <input type="date" value={filters.from} onChange={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label>
          {w.to}
          <input type="date" value={filters.to} onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
      </form>
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p>{w.none}</p>}
      {entries && entries.length > 0 && (
        <table class="k-table">
          <thead>
            <tr>
              <th scope="col">{w.when}</th>
              <th scope="col">{w.actor}</th>
              <th scope="col">{w.action}</th>
              <th scope="col">{w.target}</th>
              <th scope="col">{w.detail}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString(lang)}</td>
                <td>{names.get(e.actor) ?? e.actor}</td>
                <td class="k-mono">{e.action}</td>
                <td class="k-mono">{names.get(`user:${e.target}`) ?? e.target}</td>
                <td class="k-detail">{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && entries && (
        <button type="button" onClick={() => void load(entries.at(-1)?.id)}>
          {w.more}
        </button>
      )}
    </section>
  );
}
