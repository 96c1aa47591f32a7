/**
 * One record under review: every field, the NIK checks recomputed by src/shared, the version history
 * (what changed between versions), and the verdict — verify, or reject with a preset or written reason
 * that reaches the volunteer's phone on its next pull.
 */
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api';
import { fill, useLang } from '../../i18n';
import { useApiCall, useCan } from '../../session';
import { EraseRecord } from './EraseRecord';
import { KtpPhotoView } from './KtpPhotoView';
import { describeOffset, isClockOff } from '../../../shared/clock-offset';
// The preset reasons live in src/shared: the phone marks the fields each one concerns.
import { REJECT_REASONS } from '../../../shared/reject-reasons';
import {
  changedFields,
  fieldRows,
  kelurahanMismatchText,
  nikChecks,
  STATUS_LABELS,
  type RecordData,
} from './record-view';

const W = {
  id: {
    checks: 'Pemeriksaan NIK',
    versions: 'Riwayat versi',
    version: 'Versi {v}, diterima {at}',
    noChange: 'versi pertama',
    verify: 'Verifikasi (V)',
    reject: 'Tolak (R)',
    reason: 'Alasan penolakan',
    other: 'Alasan lain (tulis)',
    confirmReject: 'Tolak dengan alasan ini',
    cancel: 'Batal',
    status: 'Status: {s}',
    clockAhead:
      'Jam HP pengirim {d} lebih cepat dari server saat data ini dikirim: waktu yang dicatat HP (tanggal pendaftaran, persetujuan) bisa salah.',
    clockBehind:
      'Jam HP pengirim {d} lebih lambat dari server saat data ini dikirim: waktu yang dicatat HP (tanggal pendaftaran, persetujuan) bisa salah.',
    registeredOn: 'Tanggal terdaftar: {at}',
  },
  en: {
    checks: 'NIK checks',
    versions: 'Version history',
    version: 'Version {v}, received {at}',
    noChange: 'first version',
    verify: 'Verify (V)',
    reject: 'Reject (R)',
    reason: 'Reason for rejection',
    other: 'Other reason (write it)',
    confirmReject: 'Reject with this reason',
    cancel: 'Cancel',
    status: 'Status: {s}',
    clockAhead:
      "The sending phone's clock was {d} ahead of the server when this was sent: times the phone recorded (registration date, consent) may be wrong.",
    clockBehind:
      "The sending phone's clock was {d} behind the server when this was sent: times the phone recorded (registration date, consent) may be wrong.",
    registeredOn: 'Registered on: {at}',
  },
};

/** The phone's clock was over 10 minutes off when it sent this version. */
function ClockWarning({ offsetS }: { offsetS: number | null | undefined }) {
  const { lang } = useLang();
  if (!isClockOff(offsetS)) return null;
  const w = W[lang];
  return (
    <p class="k-warn" role="note">
      {fill(offsetS > 0 ? w.clockAhead : w.clockBehind, { d: describeOffset(offsetS, lang) })}
    </p>
  );
}

interface Version {
  version: number;
  receivedAt: string;
  record: RecordData;
}

/** One record as GET /admin/registrations/:id answers it (the fields this panel reads). */
interface Stored {
  record: RecordData;
  kelurahanKode: string;
  /** The registry's receipt: the official registration date. */
  receivedAt: string;
  status: string;
  statusReason: string | null;
  mismatchedDeviceKelurahan?: string | null;
  /** Phone clock − registry clock (s) at the push; null or absent when not measured. */
  clockOffsetS?: number | null;
}

export interface PanelProps {
  id: string;
  canDecide: boolean;
  rejecting: boolean;
  onRejecting(open: boolean): void;
  onVerify(): void;
  onReject(reason: string): void;
  /** The record was erased on the person's request: the list must drop it. */
  onErased(): void;
}

export function RecordPanel(props: PanelProps) {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const canErase = useCan()('POST /admin/registrations/:id/erase');
  const [record, setRecord] = useState<Stored>();
  const [versions, setVersions] = useState<Version[]>([]);
  const [error, setError] = useState<string>();
  const [preset, setPreset] = useState<string>(REJECT_REASONS[0]!);
  const [other, setOther] = useState('');

  useEffect(() => {
    setRecord(undefined);
    void call(() => get<Stored>(`/admin/registrations/${props.id}`)).then((r) =>
      r.ok ? setRecord(r.value) : setError(r.message),
    );
    void call(() => get<{ items: Version[] }>(`/admin/registrations/${props.id}/versions`)).then(
      (r) => r.ok && setVersions(r.value.items),
    );
  }, [props.id]);

  if (error)
    return (
      <p class="k-error" role="alert">
        {error}
      </p>
    );
  if (!record) return <p>…</p>;
  const r = record.record;
  return (
    <article class="k-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">{String(r.fullName ?? '')}</h2>
      <p class="k-muted">
        {fill(w.status, { s: STATUS_LABELS[record.status]?.[lang] ?? record.status })}
        {record.statusReason ? ` — ${record.statusReason}` : ''}
      </p>
      <p class="k-muted">{fill(w.registeredOn, { at: new Date(record.receivedAt).toLocaleString(lang) })}</p>
      {record.mismatchedDeviceKelurahan && (
        <p class="k-warn" role="note">
          <span aria-hidden="true">! </span>
          {kelurahanMismatchText(record.mismatchedDeviceKelurahan, record.kelurahanKode, lang)}
        </p>
      )}
      <ClockWarning offsetS={record.clockOffsetS} />
      <dl class="k-facts">
        {fieldRows(r, lang).map(([label, value]) => [
          <dt key={`${label}-t`}>{label}</dt>,
          <dd key={`${label}-d`}>{value || '—'}</dd>,
        ])}
      </dl>
      <KtpPhotoView id={props.id} record={r} />
      <h3>{w.checks}</h3>
      <ul class="k-checks">
        {nikChecks(r, lang).map((c) => (
          <li key={c.text} class={c.ok ? 'k-ok' : 'k-warn'}>
            <span aria-hidden="true">{c.ok ? '✓' : '!'}</span> {c.text}
          </li>
        ))}
      </ul>
      {versions.length > 1 && (
        <>
          <h3>{w.versions}</h3>
          <ol class="k-versions">
            {versions.map((v, i) => (
              <li key={v.version}>
                {fill(w.version, { v: v.version, at: new Date(v.receivedAt).toLocaleString(lang) })}
                {i === 0 ? (
                  ` (${w.noChange})`
                ) : (
                  <ul>
                    {changedFields(versions[i - 1]!.record, v.record, lang).map(([label, before, after]) => (
                      <li key={label}>
                        <strong>{label}</strong>: <del>{before || '—'}</del> → <ins>{after || '—'}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {props.canDecide && !props.rejecting && (
        <div class="k-actions">
          <button type="button" class="k-primary" onClick={props.onVerify}>
            {w.verify}
          </button>
          <button type="button" onClick={() => props.onRejecting(true)}>
            {w.reject}
          </button>
        </div>
      )}
      {props.canDecide && props.rejecting && (
        <form
          class="k-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onReject(preset === 'other' ? other.trim() : preset);
          }}
        >
          <label>
            {w.reason}
            <select value={preset} onChange={(e) => setPreset(e.currentTarget.value)} autoFocus>
              {REJECT_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {reason}
                </option>
              ))}
              <option value="other">{w.other}</option>
            </select>
          </label>
          {preset === 'other' && (
            <label>
              {w.other}
              <input
                value={other}
                maxLength={500}
                required
                onInput={(e) => setOther(e.currentTarget.value)}
              />
            </label>
          )}
          <div class="k-actions">
            <button type="submit" class="k-danger">
              {w.confirmReject}
            </button>
            <button type="button" onClick={() => props.onRejecting(false)}>
              {w.cancel}
            </button>
          </div>
        </form>
      )}
      {canErase && !props.rejecting && (
        <EraseRecord
          key={props.id}
          id={props.id}
          person={{ nik: String(r.nik ?? ''), fullName: String(r.fullName ?? '') }}
          onErased={props.onErased}
        />
      )}
    </article>
  );
}
