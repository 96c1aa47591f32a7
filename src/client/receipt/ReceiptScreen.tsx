/**
 * Bukti pendaftaran: the receipt of one record, to show the worker on screen, share as an image (Web
 * Share with files, where the phone has it), save as an image, or print. Works offline: everything
 * comes from the phone's database and this lazily loaded (and precached) chunk.
 */
import { useState } from 'preact/hooks';
import { getRegistration } from '../db';
import { useI18n } from '../i18n';
import { useLive } from '../records/use-live';
import { HREF } from '../shell/routes';
import { useDb } from '../shell/services';
import { canShareFiles, shareOrSave } from '../shell/share-file';
import { ReceiptCard } from './ReceiptCard';
import { receiptContent, type ReceiptContent } from './receipt-content';
import { receiptImage } from './receipt-image';

type Outcome = 'idle' | 'working' | 'saved' | 'failed';

function ReceiptActions({ content }: { content: ReceiptContent }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const canShare = canShareFiles();
  const makeAndSend = async (share: boolean) => {
    setOutcome('working');
    try {
      const blob = await receiptImage(content, { status: t('receipt.statusLabel'), code: t('receipt.code') });
      const file = new File([blob], `bukti-jaring-${content.code}.png`, { type: 'image/png' });
      setOutcome((await shareOrSave(file, content.title, share)) === 'saved' ? 'saved' : 'idle');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <div class="actions receipt-actions">
      {canShare && (
        <button
          type="button"
          class="button primary"
          disabled={outcome === 'working'}
          onClick={() => void makeAndSend(true)}
        >
          {t('receipt.share')}
        </button>
      )}
      <button
        type="button"
        class={`button ${canShare ? 'secondary' : 'primary'}`}
        disabled={outcome === 'working'}
        onClick={() => void makeAndSend(false)}
      >
        {t('receipt.download')}
      </button>
      <button type="button" class="button secondary" onClick={() => window.print()}>
        {t('receipt.print')}
      </button>
      <p role="status" class={outcome === 'failed' ? 'msg msg-warning' : 'hint'}>
        {outcome === 'saved' ? t('receipt.saved') : outcome === 'failed' ? t('receipt.failed') : ''}
      </p>
    </div>
  );
}

export function ReceiptScreen({ id }: { id: string }) {
  const db = useDb();
  const { t, lang } = useI18n();
  const record = useLive(() => getRegistration(db, id).then((r) => r ?? null), [db, id]);
  if (record === undefined) return <p class="loading">{t('app.loading')}</p>;
  const content = record && receiptContent(record, t, lang);
  return (
    <section class="screen receipt-screen">
      <a class="back" href={HREF.record(id)}>
        ← {t('receipt.back')}
      </a>
      {content === null ? (
        <p class="notice notice-error">{t('records.notFound')}</p>
      ) : (
        <>
          <ReceiptCard content={content} />
          <ReceiptActions content={content} />
        </>
      )}
    </section>
  );
}
