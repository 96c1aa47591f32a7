/**
 * "Perlu perhatian": records the registry sent back to the volunteer, each with what happened and how
 * to resolve it — fix the fields (invalid, or rejected with a reason); for a duplicate NIK: fix a
 * mistyped NIK, or remove this phone's copy when the person is already registered elsewhere; for a
 * record the registry keeps failing on: tell the office, then send it again (or edit it).
 */
import { useState } from 'preact/hooks';
import { discardDuplicateCopy, retryHeldRecord, type StoredRegistration } from '../db';
import { useI18n } from '../i18n';
import { HREF } from '../shell/routes';
import { useDb } from '../shell/services';
import { findKelurahan } from '../../shared/reference';
import { requestSync } from './request-sync';
import { useNeedingAttention } from './use-sync';
import { formatDay } from '../../shared/format';

/** Removing a local copy asks once more, inline (no blocking browser dialog). */
function RemoveCopy({ record }: { record: StoredRegistration }) {
  const { t } = useI18n();
  const db = useDb();
  const [isConfirming, setConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <button type="button" class="button secondary" onClick={() => setConfirming(true)}>
        {t('sync.attention.remove')}
      </button>
    );
  }
  return (
    <span role="group" aria-label={t('sync.attention.remove')}>
      {t('sync.attention.removeConfirm', { name: record.fullName })}{' '}
      <button type="button" class="button primary" onClick={() => void discardDuplicateCopy(db, record.id)}>
        {t('sync.attention.removeYes')}
      </button>
      <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
        {t('sync.attention.removeNo')}
      </button>
    </span>
  );
}

function DuplicateAdvice({ record }: { record: StoredRegistration }) {
  const { t, lang } = useI18n();
  // The registry says where and when only for a record in this phone's own kelurahan (NIK oracle).
  const { duplicate } = record;
  const kelurahan = duplicate
    ? (findKelurahan(duplicate.kelurahanKode)?.nama ?? duplicate.kelurahanKode)
    : '';
  return (
    <>
      <p>
        {!duplicate
          ? t('sync.attention.duplicateElsewhere')
          : duplicate.alreadyCovered
            ? t('sync.attention.alreadyCovered', { kelurahan })
            : t('sync.attention.duplicate', {
                kelurahan,
                date: formatDay(duplicate.registeredAt, lang),
              })}
      </p>
      <p class="hint">{t('sync.attention.duplicateHow')}</p>
      <p class="actions">
        <a class="button secondary" href={HREF.edit(record.id)}>
          {t('sync.attention.fix')}
        </a>
        <RemoveCopy record={record} />
      </p>
    </>
  );
}

function FixAdvice({ record }: { record: StoredRegistration }) {
  const { t, issue } = useI18n();
  return (
    <>
      {record.serverReason && <p>{t('sync.attention.rejected', { reason: record.serverReason })}</p>}
      {record.syncErrors && record.syncErrors.length > 0 && (
        <ul>
          {record.syncErrors.map((e) => (
            <li key={`${e.field}:${e.code}`}>{issue(e.code)}</li>
          ))}
        </ul>
      )}
      <p class="hint">{t('sync.attention.fixHow')}</p>
      <p class="actions">
        <a class="button secondary" href={HREF.edit(record.id)}>
          {t('sync.attention.fix')}
        </a>
      </p>
    </>
  );
}

/** The registry fails on this record alone: it is held on the phone until the office has looked. */
function OfficeAdvice({ record }: { record: StoredRegistration }) {
  const { t } = useI18n();
  const db = useDb();
  const retry = async () => {
    if (await retryHeldRecord(db, record.id)) requestSync('manual');
  };
  return (
    <>
      <p>{t('sync.attention.needsOffice')}</p>
      <p class="hint">{t('sync.attention.needsOfficeHow')}</p>
      <p class="actions">
        <button type="button" class="button primary" onClick={() => void retry()}>
          {t('sync.attention.retry')}
        </button>
        <a class="button secondary" href={HREF.edit(record.id)}>
          {t('sync.attention.fix')}
        </a>
      </p>
    </>
  );
}

function Advice({ record }: { record: StoredRegistration }) {
  if (record.syncState === 'duplicate') return <DuplicateAdvice record={record} />;
  if (record.syncState === 'needs_office') return <OfficeAdvice record={record} />;
  return <FixAdvice record={record} />;
}

export function AttentionList() {
  const { t } = useI18n();
  const records = useNeedingAttention();
  if (records.length === 0) return null;
  return (
    <details class="sync-attention">
      <summary>{t('sync.attention.title', { count: records.length })}</summary>
      <ul class="attention-list">
        {records.map((record) => (
          <li key={record.id} class="attention-item">
            <strong>
              <a href={HREF.record(record.id)}>{record.fullName}</a>
            </strong>{' '}
            <span class="nik">{record.nik}</span>
            <Advice record={record} />
          </li>
        ))}
      </ul>
    </details>
  );
}
