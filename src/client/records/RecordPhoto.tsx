/**
 * The KTP photo on a record's detail: the photo while the phone holds it (waiting to be sent, or refused
 * by the registry with the reason), or that the office has it. Lazily loaded with the detail screen.
 */
import { getRecordPhoto, type StoredRegistration } from '../db';
import { usePreviewUrl } from '../form/KtpPhotoField';
import { useI18n } from '../i18n';
import { useDb } from '../shell/services';
import { useLive } from './use-live';

export function RecordPhoto({ record }: { record: StoredRegistration }) {
  const db = useDb();
  const { t } = useI18n();
  const row = useLive(
    () => getRecordPhoto(db, record.id).then((r) => r ?? null),
    [db, record.id, record.version],
  );
  const url = usePreviewUrl(row?.blob);
  if (!record.ktpPhoto || row === undefined) return null;
  return (
    <div class="record-photo">
      <h3>{t('photo.title')}</h3>
      {url && <img class="ktp-photo-preview" src={url} alt={t('photo.title')} />}
      {row === null && <p class="hint">{t('photo.atOffice')}</p>}
      {row?.state === 'waiting' && <p class="hint">{t('photo.waiting')}</p>}
      {row?.state === 'rejected' && (
        <p class="msg msg-warning">{t(`photo.rejected.${row.rejection ?? 'unsupported'}`)}</p>
      )}
    </div>
  );
}
