/**
 * The KTP photo of the record under review, beside its fields: the photo the record's current version
 * names (GET /admin/registrations/:id/photo, audited by the registry, never cached), "Tanpa foto KTP"
 * when the record names none, and "not sent yet" when the phone has not uploaded it. Fetched as a Blob
 * (so a missing photo is told apart from a broken one) and shown from an object URL, revoked on change.
 */
import { useEffect, useState } from 'preact/hooks';
import { KANTOR_HEADER_NAME } from '../../api';
import { useLang } from '../../i18n';
import { isPhotoHash } from '../../../shared/photo';
import type { RecordData } from './record-view';

const W = {
  id: {
    title: 'Foto KTP',
    none: 'Tanpa foto KTP',
    notYet: 'Foto KTP belum terkirim dari HP (dikirim setelah datanya diterima).',
    failed: 'Foto KTP tidak dapat dimuat. Coba buka data ini lagi.',
    alt: 'Foto KTP {name}',
    loading: 'Memuat foto…',
  },
  en: {
    title: 'KTP photo',
    none: 'No KTP photo',
    notYet: 'The phone has not sent the KTP photo yet (it goes after the record is accepted).',
    failed: 'The KTP photo could not be loaded. Open this record again.',
    alt: 'KTP photo of {name}',
    loading: 'Loading the photo…',
  },
};

type Shown = { kind: 'loading' } | { kind: 'photo'; url: string } | { kind: 'not_yet' } | { kind: 'failed' };

function usePhoto(id: string, sha256: string | undefined): Shown {
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  useEffect(() => {
    if (!sha256) return;
    let url: string | undefined;
    let isCurrent = true;
    setShown({ kind: 'loading' });
    void fetch(`/api/v1/admin/registrations/${encodeURIComponent(id)}/photo`, {
      credentials: 'same-origin',
      headers: { [KANTOR_HEADER_NAME]: '1' },
    })
      .then(async (res) => {
        if (!isCurrent) return;
        if (res.status === 404) return setShown({ kind: 'not_yet' });
        if (!res.ok) return setShown({ kind: 'failed' });
        url = URL.createObjectURL(await res.blob());
        if (isCurrent) setShown({ kind: 'photo', url });
      })
      .catch(() => isCurrent && setShown({ kind: 'failed' }));
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, sha256]);
  return shown;
}

/** The photo the record names, if it names a well-formed one. */
export function photoHashOf(record: RecordData): string | undefined {
  const sha256 = (record.ktpPhoto as { sha256?: unknown } | undefined)?.sha256;
  return isPhotoHash(sha256) ? sha256 : undefined;
}

export function KtpPhotoView({ id, record }: { id: string; record: RecordData }) {
  const { lang } = useLang();
  const sha256 = photoHashOf(record);
  const name = String(record.fullName ?? '');
  const w = W[lang];
  const shown = usePhoto(id, sha256);
  return (
    <section class="k-ktp-photo" aria-label={w.title}>
      <h3>{w.title}</h3>
      {!sha256 && <p class="k-muted">{w.none}</p>}
      {sha256 && shown.kind === 'loading' && <p class="k-muted">{w.loading}</p>}
      {sha256 && shown.kind === 'not_yet' && <p class="k-muted">{w.notYet}</p>}
      {sha256 && shown.kind === 'failed' && <p class="k-warn">{w.failed}</p>}
      {sha256 && shown.kind === 'photo' && <img src={shown.url} alt={w.alt.replace('{name}', name)} />}
    </section>
  );
}
