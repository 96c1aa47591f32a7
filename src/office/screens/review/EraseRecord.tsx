/**
 * Erasure on the person's request (UU PDP), in the record panel, for the city admin only (the access
 * table): the officer writes the reason the audit keeps and types the person's NIK or full name, the
 * same confirmation the registry checks (`confirmsErasure` in src/shared/erasure.ts), so the button
 * stays disabled until it matches. Irreversible: the registry keeps no copy.
 */
import { useState } from 'preact/hooks';
import { post } from '../../api';
import { useLang } from '../../i18n';
import { useApiCall } from '../../session';
import { confirmsErasure, MAX_ERASURE_REASON_LENGTH } from '../../../shared/erasure';

const W = {
  id: {
    open: 'Hapus data atas permintaan…',
    title: 'Hapus data orang ini (UU PDP)',
    warning:
      'Semua data orang ini dihapus dari registri untuk selamanya: data pendaftaran, riwayat versi, data ganda ' +
      'dengan NIK yang sama dan peserta lama BPJS dengan NIK itu. HP relawan yang mencatatnya ikut menghapusnya. ' +
      'Yang tersimpan hanya siapa, kapan, alasan, dan sidik NIK yang tidak bisa dibalik. Tidak bisa dibatalkan.',
    reason: 'Alasan (misalnya surat permintaan tanggal …); jangan tulis data pribadi',
    confirm: 'Ketik NIK atau nama lengkap orang ini untuk memastikan',
    erase: 'Hapus untuk selamanya',
    cancel: 'Batal',
  },
  en: {
    open: 'Erase on request…',
    title: "Erase this person's data (UU PDP)",
    warning:
      "All of this person's data is erased from the registry for good: the registration, its versions, duplicate " +
      'attempts with the same NIK and a BPJS-covered person with that NIK. The phone that recorded it drops it too. ' +
      'Only who, when, the reason and an irreversible hash of the NIK are kept. This cannot be undone.',
    reason: 'Reason (e.g. the written request of …); no personal data',
    confirm: "Type this person's NIK or full name to confirm",
    erase: 'Erase for good',
    cancel: 'Cancel',
  },
};

export interface EraseRecordProps {
  id: string;
  person: { nik: string; fullName: string };
  onErased(): void;
}

export function EraseRecord(props: EraseRecordProps) {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);

  if (!isOpen)
    return (
      <div class="k-actions">
        <button type="button" class="k-danger" onClick={() => setOpen(true)}>
          {w.open}
        </button>
      </div>
    );
  const isConfirmed = reason.trim() !== '' && confirmsErasure(confirmation, props.person);
  return (
    <form
      class="k-form k-erase"
      aria-labelledby="erase-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!isConfirmed || isBusy) return;
        setBusy(true);
        const r = await call(() => post(`/admin/registrations/${props.id}/erase`, { reason, confirmation }));
        setBusy(false);
        if (r.ok) props.onErased();
        else setError(r.message);
      }}
    >
      <h3 id="erase-title">{w.title}</h3>
      <p>{w.warning}</p>
      <label>
        {w.reason}
        <input
          value={reason}
          maxLength={MAX_ERASURE_REASON_LENGTH}
          required
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      <label>
        {w.confirm}
        <input
          value={confirmation}
          autoComplete="off"
          onInput={(e) => setConfirmation(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      <div class="k-actions">
        <button type="submit" class="k-danger" disabled={!isConfirmed || isBusy}>
          {w.erase}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {w.cancel}
        </button>
      </div>
    </form>
  );
}
