import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isExemptCategory, type VatCategory } from '../../../src/domain/vat-category.ts';
import { getJson, send } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { InvoiceDetail, InvoiceLine, Overview } from '../types.ts';
import { ACTION_FORMS, type ActionKind } from './action-forms.tsx';
import { BankTransfer } from './bank-transfer.tsx';
import { documentTitle, HoldNote, StatusPill } from './status.tsx';
import { useDownload } from './use-download.ts';

const ACTIONS: readonly [ActionKind, 'action.alreadyPaid' | 'action.promise' | 'action.plan' | 'action.dispute'][] = [
  ['claim', 'action.alreadyPaid'],
  ['promise', 'action.promise'],
  ['plan', 'action.plan'],
  ['dispute', 'action.dispute'],
];

/** What VAT a line carries: its rate, or where none is charged what the category means and the seller's reason, as the invoice states it. */
function LineTax({ line }: { line: InvoiceLine }) {
  const { t, percent } = useI18n();
  const category = line.taxCategory as VatCategory;
  if (!isExemptCategory(category)) return <span className="muted small">{t('invoice.lineTax', { rate: percent(line.taxRateBp) })}</span>;
  // An exemption's VATEX code names the article; the other categories' codes only repeat the category.
  const code = category === 'E' && line.taxExemptionCode ? `(${line.taxExemptionCode})` : null;
  const reason = [line.taxExemptionReason, code].filter(Boolean).join(' ');
  return (
    <span className="muted small">
      {t(`vat.${category}`)}
      {reason && ` — ${reason}`}
    </span>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? 'total-row strong' : 'total-row'}>
      <span>{label}</span>
      <span className="num">{value}</span>
    </div>
  );
}

export function InvoicePage({ token, overview, invoiceId, onBack, onPay, notify }: {
  token: string;
  overview: Overview;
  invoiceId: string;
  onBack: () => void;
  onPay: (invoiceIds: string[]) => void;
  notify: (message: string) => void;
}) {
  const { t, money, date } = useI18n();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ActionKind | null>(null);
  const query = useQuery({ queryKey: ['invoice', invoiceId], queryFn: () => getJson<InvoiceDetail>(token, `/invoices/${invoiceId}`) });
  const fetchFile = useDownload(token, overview.organization.name, notify);
  if (query.isPending) return <p className="muted pad">{t('portal.loading')}</p>;
  if (query.isError) return <p className="form-error pad">{t('portal.error')}</p>;
  const invoice = query.data;
  const Form = action ? ACTION_FORMS[action] : null;
  const done = async (message: string) => {
    setAction(null);
    notify(message);
    await queryClient.invalidateQueries();
  };
  return (
    <article className="invoice-page">
      <button type="button" className="link-button back" onClick={onBack}>
        ← {t('invoice.back')}
      </button>
      <section className="card hero">
        <div className="hero-head">
          <h1>{documentTitle(t, invoice)}</h1>
          <StatusPill doc={invoice} />
        </div>
        <p className="muted">
          {t('doc.issued', { date: date(invoice.issueDate) })} · {t('doc.due', { date: date(invoice.dueDate) })}
          {invoice.poNumber ? ` · ${t('invoice.po', { po: invoice.poNumber })}` : ''}
        </p>
        <p className="hero-label">{invoice.payable ? t('invoice.amountDue') : t('invoice.paidInFull')}</p>
        <p className="hero-amount">{money(invoice.payable ? invoice.balance : invoice.total, invoice.currency)}</p>
        {invoice.earlyPayment && (
          <p className="good">{t('invoice.early', { amount: money(invoice.earlyPayment.payable, invoice.currency), date: date(invoice.earlyPayment.deadline), saving: money(invoice.earlyPayment.discount, invoice.currency) })}</p>
        )}
        {invoice.holds.map((h) => (
          <HoldNote key={h.kind} hold={h} />
        ))}
        {invoice.payOnline && (
          <button type="button" className="button primary wide" onClick={() => onPay([invoice.id])}>
            {t('invoice.payNow')}
          </button>
        )}
        <div className="downloads">
          <button type="button" className="button secondary" onClick={() => fetchFile(`/invoices/${invoice.id}/pdf`)}>
            {t('invoice.downloadPdf')}
          </button>
          <button type="button" className="button secondary" onClick={() => fetchFile(`/invoices/${invoice.id}/ubl`)}>
            {t('invoice.downloadUbl')}
          </button>
        </div>
      </section>

      {invoice.payable && (
        <section className="card">
          <h2>{t('bank.title')}</h2>
          <BankTransfer transfer={invoice.bankTransfer} />
        </section>
      )}

      {invoice.payable && (
        <section className="card">
          <h2>{t('invoice.help')}</h2>
          <div className="action-grid">
            {ACTIONS.map(([kind, label]) => (
              <button key={kind} type="button" className="button tile" onClick={() => setAction(kind)}>
                {t(label)}
              </button>
            ))}
          </div>
        </section>
      )}

      <section className="card">
        <h2>{t('invoice.details')}</h2>
        <ul className="lines">
          {invoice.lines.map((l) => (
            <li key={l.id}>
              <span className="line-text">
                {l.description}
                <span className="muted small">
                  {t('invoice.quantity')} {Number(l.quantity)} × {money(l.unitPrice, invoice.currency)}
                </span>
                <LineTax line={l} />
              </span>
              <span className="num">{money(l.netAmount, invoice.currency)}</span>
            </li>
          ))}
        </ul>
        <Row label={t('invoice.subtotal')} value={money(invoice.subtotal, invoice.currency)} />
        {invoice.discountTotal > 0 && <Row label={t('invoice.discount')} value={money(-invoice.discountTotal, invoice.currency)} />}
        <Row label={t('invoice.tax')} value={money(invoice.taxTotal, invoice.currency)} />
        <Row label={t('invoice.total')} value={money(invoice.total, invoice.currency)} strong />
        {invoice.amountPaid > 0 && <Row label={t('invoice.paid')} value={money(-invoice.amountPaid, invoice.currency)} />}
        {invoice.amountCredited > 0 && <Row label={t('invoice.credited')} value={money(-invoice.amountCredited, invoice.currency)} />}
        {invoice.kind === 'invoice' && <Row label={t('invoice.balance')} value={money(invoice.balance, invoice.currency)} strong />}
        {invoice.notes && <p className="muted notes">{invoice.notes}</p>}
      </section>

      {Form && <Form token={token} invoice={invoice} overview={overview} onClose={() => setAction(null)} onDone={(m) => void done(m)} />}
    </article>
  );
}

export async function startPayment(token: string, invoiceIds: string[]): Promise<void> {
  const { url } = await send<{ url: string }>(token, 'POST', '/checkout', { invoiceIds });
  window.location.assign(url);
}
