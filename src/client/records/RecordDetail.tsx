/** One saved registration, read-only, with its sync state and an "edit" button. Loaded lazily. */
import type { ComponentChildren } from 'preact';
import { HEIR_RELATIONSHIPS, occupationLabel } from '../../shared/occupations';
import { formatRupiah, monthlyPremium } from '../../shared/premium';
import { findKelurahan, kecamatanOfKelurahan } from '../../shared/reference';
import { getRegistration, type SlimRegistration, type StoredRegistration } from '../db';
import { useI18n } from '../i18n';
import { HREF } from '../shell/routes';
import { useDb } from '../shell/services';
import { useLive } from './use-live';
import { RecordPhoto } from './RecordPhoto';
import { SyncBadge } from './SyncBadge';
import { formatMoment } from '../../shared/format';

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

function SyncProblems({ record }: { record: StoredRegistration }) {
  const { t, issue } = useI18n();
  return (
    <>
      {record.serverReason && (
        <p class="msg msg-warning">{t('records.serverReason', { reason: record.serverReason })}</p>
      )}
      {record.syncState === 'duplicate' && <p class="msg msg-warning">{t('records.duplicateElsewhere')}</p>}
      {record.syncErrors?.map((e) => (
        <p key={`${e.field}:${e.code}`} class="msg msg-error">
          {issue(e.code)}
        </p>
      ))}
    </>
  );
}

function Details({ record }: { record: StoredRegistration }) {
  const { t, lang } = useI18n();
  const kelurahan = findKelurahan(record.kelurahanKode);
  const kecamatan = kecamatanOfKelurahan(record.kelurahanKode);
  const relationship = HEIR_RELATIONSHIPS.find((r) => r.code === record.heir.relationship)?.[lang];
  const occupation =
    record.occupation === 'lainnya' && record.occupationOther
      ? record.occupationOther
      : occupationLabel(record.occupation, lang);
  return (
    <dl class="details">
      <Row label={t('form.nik')}>{record.nik}</Row>
      <Row label={t('records.birthPlaceDate')}>
        {record.birthPlace}, {formatDate(record.birthDate)}
      </Row>
      <Row label={t('form.gender')}>{t(`form.gender.${record.gender}`)}</Row>
      <Row label={t('form.section.address')}>
        {record.address.street}, RT {record.address.rt}/RW {record.address.rw}, {kelurahan?.nama},{' '}
        {t('form.kecamatan', { name: kecamatan?.nama ?? '' })}
      </Row>
      {record.phone && <Row label={t('form.phone')}>{record.phone}</Row>}
      <Row label={t('form.occupation')}>{occupation}</Row>
      <Row label={t('form.income')}>{formatRupiah(record.monthlyIncome)}</Row>
      <Row label={t('form.programme')}>
        {t(`form.programme.${record.programme}`)} · {t(`form.funding.${record.funding}`)} ·{' '}
        {formatRupiah(monthlyPremium(record.monthlyIncome, record.programme).total)}
      </Row>
      <Row label={t('form.section.heir')}>
        {record.heir.name} ({relationship}){record.heir.phone && `, ${record.heir.phone}`}
      </Row>
      {record.notes && <Row label={t('form.notes')}>{record.notes}</Row>}
    </dl>
  );
}

/** What the phone kept of a record the office has (db/slim.ts): no edit, the rest is at the office. */
function SlimDetails({ record }: { record: SlimRegistration }) {
  const { t } = useI18n();
  return (
    <>
      <dl class="details">
        <Row label={t('form.nik')}>•••• •••• •••• {record.nikLast4}</Row>
        <Row label={t('form.section.address')}>{findKelurahan(record.kelurahanKode)?.nama}</Row>
      </dl>
      <p class="msg">{t('records.slimmed')}</p>
    </>
  );
}

export function RecordDetail({ id }: { id: string }) {
  const db = useDb();
  const { t, lang } = useI18n();
  const record = useLive(() => getRegistration(db, id).then((r) => r ?? null), [db, id]);
  if (record === undefined) return <p class="loading">{t('app.loading')}</p>;
  return (
    <section class="screen">
      <a class="back" href={HREF.records}>
        ← {t('records.back')}
      </a>
      {record === null ? (
        <p class="notice notice-error">{t('records.notFound')}</p>
      ) : (
        <>
          <h2>{record.fullName}</h2>
          <p>
            <SyncBadge state={record.syncState} serverStatus={record.serverStatus} />{' '}
            <span class="hint">
              {t('records.version', {
                version: record.version,
                time: formatMoment(record.updatedAt, lang),
              })}
            </span>
          </p>
          {record.slimmedAt !== undefined ? (
            <>
              <SlimDetails record={record} />
              <a class="button primary" href={HREF.receipt(record.id)}>
                {t('receipt.open')}
              </a>
            </>
          ) : (
            <>
              <SyncProblems record={record} />
              <Details record={record} />
              <RecordPhoto record={record} />
              <div class="actions">
                <a class="button primary" href={HREF.receipt(record.id)}>
                  {t('receipt.open')}
                </a>
                <a class="button secondary" href={HREF.edit(record.id)}>
                  {t('records.edit')}
                </a>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
