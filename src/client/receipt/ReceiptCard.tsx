/** The receipt as shown on the volunteer's screen (and printed): the same content as the shared image. */
import { create } from 'qrcode';
import { qrPath } from '../../shared/qr-path';
import { useI18n } from '../i18n';
import type { ReceiptContent } from './receipt-content';

export function ReceiptQr({ text, label }: { text: string; label: string }) {
  const { size, d } = qrPath(create(text, { errorCorrectionLevel: 'M' }).modules);
  return (
    <svg
      class="receipt-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function ReceiptCard({ content }: { content: ReceiptContent }) {
  const { t } = useI18n();
  return (
    <article class="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" class="receipt-title">
        {content.title}
      </h2>
      <p class="receipt-name">{content.name}</p>
      <dl class="receipt-rows">
        {content.rows.map(([label, value]) => (
          <div key={label} class="receipt-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div class="receipt-row">
          <dt>{t('receipt.statusLabel')}</dt>
          <dd>{content.status}</dd>
        </div>
      </dl>
      <div class="receipt-code">
        <ReceiptQr text={content.code} label={t('receipt.qrLabel', { code: content.code })} />
        <p>
          {t('receipt.code')}
          <strong>{content.code}</strong>
        </p>
      </div>
      <p class="receipt-claim">{content.claim}</p>
    </article>
  );
}
