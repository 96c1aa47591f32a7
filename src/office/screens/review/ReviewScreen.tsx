/**
 * Verifikasi: the records waiting for review, oldest first, paged and filtered by the registry (a city
 * can hold 100,000), with the selected record open beside the list. Keyboard: J/K (or ↓/↑) move,
 * V verifies, R rejects, X selects, Shift+V verifies every selected record.
 */
import { useEffect, useState } from 'preact/hooks';
import { findKelurahan } from '../../../shared/reference';
import { occupationLabel } from '../../../shared/occupations';
import { get, post } from '../../api';
import { fill, useLang } from '../../i18n';
import { useApiCall, useCan } from '../../session';
import { ReviewFilters, type Filters } from './ReviewFilters';
import { RecordPanel } from './RecordPanel';
import { useReviewKeys } from './review-keys';

export interface Item {
  id: string;
  nik: string;
  fullName: string;
  kelurahanKode: string;
  occupation: string;
  /** The registry's receipt: the official registration date. */
  receivedAt: string;
  /** The pushing phone's kelurahan when it is not the record's (flagged at ingest). */
  mismatchedDeviceKelurahan?: string | null;
}

const PAGE = 50;

const W = {
  id: {
    title: 'Verifikasi',
    intro:
      'Data yang menunggu pemeriksaan, yang paling lama di atas. J/K pindah, V verifikasi, R tolak, X pilih, Shift+V verifikasi semua yang dipilih.',
    waiting: '{n} menunggu',
    verifySelected: 'Verifikasi {n} yang dipilih',
    select: 'Pilih {name}',
    name: 'Nama',
    kelurahan: 'Kelurahan',
    occupation: 'Pekerjaan',
    received: 'Tanggal terdaftar',
    mismatch: 'HP dari kelurahan lain ({k})',
    empty: 'Tidak ada data yang menunggu. Kerja bagus!',
    prev: '← Sebelumnya',
    next: 'Berikutnya →',
    page: '{from}–{to} dari {total}',
    verified: '{n} data diverifikasi.',
    rejected: 'Ditolak; alasan dikirim ke HP relawan.',
    erased: 'Data orang itu sudah dihapus; HP relawan akan menghapusnya saat sinkron.',
  },
  en: {
    title: 'Review',
    intro:
      'Records waiting for review, oldest first. J/K move, V verify, R reject, X select, Shift+V verify all selected.',
    waiting: '{n} waiting',
    verifySelected: 'Verify {n} selected',
    select: 'Select {name}',
    name: 'Name',
    kelurahan: 'Kelurahan',
    occupation: 'Occupation',
    received: 'Registered on',
    mismatch: 'Phone from another kelurahan ({k})',
    empty: 'Nothing waiting for review. Well done!',
    prev: '← Previous',
    next: 'Next →',
    page: '{from}–{to} of {total}',
    verified: '{n} records verified.',
    rejected: "Rejected; the reason goes to the volunteer's phone.",
    erased: "That person's data is erased; the volunteer's phone drops it at its next sync.",
  },
};

function queryOf(filters: Filters, offset: number): string {
  const params = new URLSearchParams({
    status: 'received',
    sort: 'oldest',
    limit: String(PAGE),
    offset: String(offset),
  });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}

export function ReviewScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const canDecide = useCan()('POST /admin/registrations/:id/status');
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: Item[] }>();
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  async function load(keepIndex = 0): Promise<void> {
    const r = await call(() =>
      get<{ total: number; items: Item[] }>(`/admin/registrations?${queryOf(filters, offset)}`),
    );
    if (!r.ok) return setMessage({ text: r.message, error: true });
    setPage(r.value);
    setCurrent(Math.min(keepIndex, Math.max(0, r.value.items.length - 1)));
  }
  useEffect(() => void load(), [filters, offset]);

  /** One decision at a time: keys and buttons wait until the list shows what the decision left. */
  async function decide(ids: string[], status: 'verified' | 'rejected', reason?: string): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      const r = await call(() =>
        post('/admin/registrations/status', { ids, status, ...(reason ? { reason } : {}) }),
      );
      if (!r.ok) return setMessage({ text: r.message, error: true });
      setRejecting(false);
      setSelected(new Set());
      await load(current);
      setMessage({ text: status === 'verified' ? fill(w.verified, { n: ids.length }) : w.rejected });
    } finally {
      setBusy(false);
    }
  }

  const items = page?.items ?? [];
  const item = items[current];
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useReviewKeys(!rejecting && !busy && canDecide, {
    next: () => setCurrent((i) => Math.min(i + 1, items.length - 1)),
    prev: () => setCurrent((i) => Math.max(i - 1, 0)),
    verify: () => item && void decide([item.id], 'verified'),
    reject: () => item && setRejecting(true),
    select: () => item && toggle(item.id),
    verifySelected: () => selected.size > 0 && void decide([...selected], 'verified'),
  });

  return (
    <section class="k-review">
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      <ReviewFilters
        value={filters}
        onChange={(f) => {
          setOffset(0);
          setFilters(f);
        }}
      />
      <p role="status" class={message?.error ? 'k-error' : message ? 'k-note' : 'k-sr'}>
        {message?.text ?? ''}
      </p>
      <div class="k-split">
        <div class="k-split-list">
          <p>
            <strong>{fill(w.waiting, { n: (page?.total ?? 0).toLocaleString('id-ID') })}</strong>
            {canDecide && selected.size > 0 && (
              <button
                type="button"
                class="k-primary k-gap"
                onClick={() => void decide([...selected], 'verified')}
              >
                {fill(w.verifySelected, { n: selected.size })}
              </button>
            )}
          </p>
          {page && items.length === 0 ? (
            <p>{w.empty}</p>
          ) : (
            <table class="k-table k-rows">
              <thead>
                <tr>
                  {canDecide && (
                    <th scope="col">
                      <span class="k-sr">✓</span>
                    </th>
                  )}
                  <th scope="col">{w.name}</th>
                  <th scope="col">{w.kelurahan}</th>
                  <th scope="col">{w.occupation}</th>
                  <th scope="col">{w.received}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((it, i) => (
                  <tr
                    key={it.id}
                    aria-selected={i === current}
                    class={i === current ? 'k-current' : ''}
                    onClick={() => {
                      setCurrent(i);
                      setRejecting(false);
                    }}
                  >
                    {canDecide && (
                      <td>
                        <input
                          type="checkbox"
                          checked={selected.has(it.id)}
                          aria-label={fill(w.select, { name: it.fullName })}
                          onClick={(e) => e.stopPropagation()}
                          onChange={() => toggle(it.id)}
                        />
                      </td>
                    )}
                    <td>
                      <button type="button" class="k-link" onClick={() => setCurrent(i)}>
                        {it.fullName}
                      </button>
                      <div class="k-muted k-mono">{it.nik}</div>
                    </td>
                    <td>
                      {findKelurahan(it.kelurahanKode)?.nama ?? it.kelurahanKode}
                      {it.mismatchedDeviceKelurahan && (
                        <span class="k-warn-why">
                          {fill(w.mismatch, {
                            k:
                              findKelurahan(it.mismatchedDeviceKelurahan)?.nama ??
                              it.mismatchedDeviceKelurahan,
                          })}
                        </span>
                      )}
                    </td>
                    <td>{occupationLabel(it.occupation, lang)}</td>
                    <td>{new Date(it.receivedAt).toLocaleDateString(lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page && page.total > PAGE && (
            <div class="k-actions">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {w.prev}
              </button>
              <span>
                {fill(w.page, {
                  from: offset + 1,
                  to: Math.min(offset + PAGE, page.total),
                  total: page.total,
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {w.next}
              </button>
            </div>
          )}
        </div>
        <div class="k-split-panel">
          {item && (
            <RecordPanel
              id={item.id}
              canDecide={canDecide}
              rejecting={rejecting}
              onRejecting={setRejecting}
              onVerify={() => void decide([item.id], 'verified')}
              onReject={(reason) => void decide([item.id], 'rejected', reason)}
              onErased={() => void load(current).then(() => setMessage({ text: w.erased }))}
            />
          )}
        </div>
      </div>
    </section>
  );
}
