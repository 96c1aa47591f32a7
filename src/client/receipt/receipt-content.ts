/**
 * What the receipt (bukti pendaftaran) says, as plain strings, for the card on screen and the image
 * shared with the worker alike: name, masked NIK, kelurahan, programme and who pays, the registration
 * date (WIB), the record's code, where it stands, and what the family does if the worker dies.
 * Nothing else of the person is on it (src/shared/receipt.ts).
 */

import { findKelurahan, kecamatanOfKelurahan } from '../../shared/reference';
import { maskNik, maskNikLast4, receiptCode } from '../../shared/receipt';
import { isSlim, type PhoneRecord, type StoredRegistration } from '../db';
import type { Lang, MessageKey, Translate } from '../i18n';
import { formatDay } from '../../shared/format';

export interface ReceiptContent {
  title: string;
  name: string;
  /** Label and value, in the order printed. */
  rows: [string, string][];
  code: string;
  status: string;
  /** The JKM line: what the heirs receive and where they go. */
  claim: string;
}

/** Where the record stands, in words the worker understands. */
function statusKey(record: Pick<StoredRegistration, 'syncState' | 'serverStatus'>): MessageKey {
  if (record.serverStatus === 'active') return 'receipt.status.active';
  switch (record.syncState) {
    case 'pending':
      return 'receipt.status.pending';
    case 'sent':
      return 'receipt.status.sent';
    case 'verified':
      return 'receipt.status.verified';
    case 'needs_fix':
      return 'receipt.status.needs_fix';
    case 'duplicate':
    case 'needs_office':
      return 'receipt.status.duplicate';
  }
}

/** "2 Desember 2026": the WIB day the volunteer registered the person. */
export function receiptDate(iso: string, lang: Lang): string {
  return formatDay(iso, lang, 'Asia/Jakarta');
}

/** The programme and who pays; a record the phone has slimmed (db/retention.ts) no longer says. */
function programmeRows(record: PhoneRecord, t: Translate): [string, string][] {
  if (isSlim(record)) return [];
  return [
    [t('receipt.programme'), t(`form.programme.${record.programme}`)],
    [t('receipt.funding'), t(`form.funding.${record.funding}`)],
  ];
}

export function receiptContent(record: PhoneRecord, t: Translate, lang: Lang): ReceiptContent {
  const kelurahan = findKelurahan(record.kelurahanKode);
  const kecamatan = kecamatanOfKelurahan(record.kelurahanKode);
  const place = [kelurahan?.nama, kecamatan && t('form.kecamatan', { name: kecamatan.nama })];
  const nik = isSlim(record) ? maskNikLast4(record.nikLast4) : maskNik(record.nik);
  return {
    title: t('receipt.title'),
    name: record.fullName,
    rows: [
      [t('receipt.nik'), nik],
      [t('receipt.kelurahan'), place.filter(Boolean).join(', ')],
      ...programmeRows(record, t),
      [t('receipt.date'), receiptDate(record.createdAt, lang)],
    ],
    code: receiptCode(record.id),
    status: t(statusKey(record)),
    claim: t('receipt.claim'),
  };
}
