/**
 * Data ganda: every push refused because its NIK was already held, with the two records side by side
 * (differences marked) and the three ways to settle it. Office roles only.
 */
import { useEffect, useState } from 'preact/hooks';
import { findKelurahan } from '../../shared/reference';
import { get, post } from '../api';
import { useLang } from '../i18n';
import { useApiCall } from '../session';
import { fieldRows, type RecordData } from './review/record-view';

interface Item {
  id: number;
  nik: string;
  fullName: string;
  kelurahanKode: string;
  holderSource: 'registration' | 'covered';
  attemptedAt: string;
}

interface Pair {
  id: number;
  attempt: { record: RecordData; deviceId: string; attemptedAt: string };
  holderSource: 'registration' | 'covered';
  holder: ({ record?: RecordData } & Record<string, unknown>) | null;
}

type Resolution = 'same_person' | 'void_holder' | 'mistyped';

const W = {
  id: {
    title: 'Data ganda',
    intro: 'Data yang ditolak karena NIK-nya sudah dipakai. Bandingkan, lalu putuskan.',
    none: 'Tidak ada data ganda yang menunggu.',
    waiting: 'Data baru (menunggu)',
    held: 'Sudah terdaftar',
    covered: 'Peserta lama BPJS',
    sent: 'Dikirim {at}',
    same: 'Orang yang sama',
    sameHelp: 'Salinan di HP relawan ditutup.',
    void: 'Data terdaftar salah',
    voidHelp: 'Data lama dibatalkan (keluar dari cakupan dan ekspor), data baru diterima.',
    mistyped: 'Orang berbeda, NIK salah ketik',
    mistypedHelp: 'Dikembalikan ke relawan untuk diperbaiki.',
    note: 'Catatan (opsional, dikirim ke relawan)',
    confirmVoid: 'Yakin membatalkan data yang sudah terdaftar?',
    yes: 'Ya, batalkan',
    done: 'Diselesaikan.',
    name: 'Nama',
    kelurahan: 'Kelurahan',
  },
  en: {
    title: 'Duplicates',
    intro: 'Records refused because their NIK was already taken. Compare, then decide.',
    none: 'No duplicates waiting.',
    waiting: 'New record (waiting)',
    held: 'Already registered',
    covered: 'Already covered at BPJS',
    sent: 'Sent {at}',
    same: 'Same person',
    sameHelp: "The copy on the volunteer's phone is closed.",
    void: 'The registered record is wrong',
    voidHelp: 'The old record is voided (out of coverage and the export); the new one is accepted.',
    mistyped: 'Different people, NIK mistyped',
    mistypedHelp: 'Back to the volunteer to fix.',
    note: 'Note (optional, sent to the volunteer)',
    confirmVoid: 'Really void the registered record?',
    yes: 'Yes, void it',
    done: 'Settled.',
    name: 'Name',
    kelurahan: 'Kelurahan',
  },
};

function Side(props: { title: string; record: RecordData | undefined; other: RecordData | undefined }) {
  const { lang } = useLang();
  const rows = props.record ? fieldRows(props.record, lang) : [];
  const others = props.other ? fieldRows(props.other, lang) : [];
  return (
    <div class="k-panel">
      <h3>{props.title}</h3>
      <dl class="k-facts">
        {rows.map(([label, value], i) => {
          const differs = others[i] !== undefined && others[i]![1] !== value;
          return [
            <dt key={`${label}t`}>{label}</dt>,
            <dd key={`${label}d`} class={differs ? 'k-differs' : ''}>
              {value || '—'}
            </dd>,
          ];
        })}
      </dl>
    </div>
  );
}

function PairView(props: { pair: Pair; onResolved(): void }) {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const { pair } = props;
  const heldRecord =
    pair.holderSource === 'registration'
      ? pair.holder?.record
      : ({
          nik: String(pair.holder?.nik ?? ''),
          fullName: String(pair.holder?.full_name ?? ''),
          address: { kelurahanKode: String(pair.holder?.kelurahan_kode ?? '') },
        } as RecordData);

  async function resolve(resolution: Resolution): Promise<void> {
    const r = await call(() =>
      post(`/admin/duplicates/${pair.id}/resolve`, { resolution, ...(note.trim() ? { note } : {}) }),
    );
    if (!r.ok) return setError(r.message);
    props.onResolved();
  }

  return (
    <section aria-label={pair.attempt.record.fullName as string}>
      <div class="k-pair">
        <Side title={w.waiting} record={pair.attempt.record} other={heldRecord} />
        <Side
          title={pair.holderSource === 'covered' ? w.covered : w.held}
          record={heldRecord}
          other={pair.attempt.record}
        />
      </div>
      <label class="k-form">
        {w.note}
        <input value={note} maxLength={300} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      <div class="k-choices">
        <button type="button" onClick={() => void resolve('same_person')}>
          <strong>{w.same}</strong>
          <span>{w.sameHelp}</span>
        </button>
        {pair.holderSource === 'registration' && (
          <button type="button" onClick={() => setConfirming(true)}>
            <strong>{w.void}</strong>
            <span>{w.voidHelp}</span>
          </button>
        )}
        <button type="button" onClick={() => void resolve('mistyped')}>
          <strong>{w.mistyped}</strong>
          <span>{w.mistypedHelp}</span>
        </button>
      </div>
      {confirming && (
        <div class="k-secret" role="alertdialog" aria-label={w.confirmVoid}>
          <p>{w.confirmVoid}</p>
          <button type="button" class="k-danger" onClick={() => void resolve('void_holder')}>
            {w.yes}
          </button>
        </div>
      )}
    </section>
  );
}

export function DuplicatesScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [items, setItems] = useState<Item[]>();
  const [pair, setPair] = useState<Pair>();
  const [message, setMessage] = useState<string>();

  async function load(): Promise<void> {
    const r = await call(() => get<{ items: Item[] }>('/admin/duplicates?state=open&limit=200'));
    if (!r.ok) return setMessage(r.message);
    setItems(r.value.items);
    const first = r.value.items[0];
    if (!first) return setPair(undefined);
    const p = await call(() => get<Pair>(`/admin/duplicates/${first.id}`));
    if (p.ok) setPair(p.value);
  }
  async function open(id: number): Promise<void> {
    const p = await call(() => get<Pair>(`/admin/duplicates/${id}`));
    if (p.ok) setPair(p.value);
  }
  useEffect(() => void load(), []);

  return (
    <section>
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      <p role="status" class={message ? 'k-note' : 'k-sr'}>
        {message ?? ''}
      </p>
      {items && items.length === 0 && <p>{w.none}</p>}
      {items && items.length > 0 && (
        <div class="k-stack">
          <table class="k-table k-rows">
            <thead>
              <tr>
                <th scope="col">{w.name}</th>
                <th scope="col">{w.kelurahan}</th>
                <th scope="col">NIK</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => (
                <tr
                  key={it.id}
                  class={pair?.id === it.id ? 'k-current' : ''}
                  onClick={() => void open(it.id)}
                >
                  <td>
                    <button type="button" class="k-link" onClick={() => void open(it.id)}>
                      {it.fullName}
                    </button>
                  </td>
                  <td>{findKelurahan(it.kelurahanKode)?.nama ?? it.kelurahanKode}</td>
                  <td class="k-mono">{it.nik}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pair && (
            <PairView
              key={pair.id}
              pair={pair}
              onResolved={() => {
                setMessage(w.done);
                void load();
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}
