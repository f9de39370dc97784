import { useState } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { InvoiceDetail } from '../types.ts';

/** Bank details to copy, beside the payment QR the customer's banking app reads (EPC, VietQR, GOST). */
export function BankTransfer({ transfer }: { transfer: InvoiceDetail['bankTransfer'] }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  if (!transfer) return <p className="muted">{t('bank.none')}</p>;
  const copy = async (field: string, value: string) => {
    const text = field === 'amount' ? value.replace(/^[A-Z]{3}\s*/, '') : field === 'iban' || field === 'reference' ? value.replace(/\s/g, '') : value;
    await navigator.clipboard?.writeText(text);
    setCopied(field);
  };
  return (
    <div className="bank">
      {transfer.qr && (
        <figure className="qr">
          <img src={transfer.qr.png} alt={t('bank.scan')} width={184} height={184} />
          <figcaption>{t('bank.scan')}</figcaption>
        </figure>
      )}
      <dl className="bank-lines">
        {transfer.lines.map((line) => (
          <div key={line.field} className="bank-line">
            <dt>{t(`bank.${line.field}` as MessageKey)}</dt>
            <dd>
              <span className="mono">{line.value}</span>
              {(line.field === 'iban' || line.field === 'accountNumber' || line.field === 'reference' || line.field === 'amount') && (
                <button type="button" className="link-button" onClick={() => void copy(line.field, line.value)}>
                  {copied === line.field ? t('bank.copied') : t('bank.copy')}
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
