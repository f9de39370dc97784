import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiUrl } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { useCustomerOverview, usePredictions } from '../api/queries.ts';
import { type ExemptCategory, isExemptCategory, type VatCategory } from '../../../src/domain/vat-category.ts';
import type { Customer, Invoice, InvoiceLine, QueuedMessage } from '../api/types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { CreditNoteDialog } from '../components/credit-note-dialog.tsx';
import { DunningSchedule } from '../components/dunning-schedule.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { PageHead } from '../components/layout.tsx';
import { PaymentDialog } from '../components/payment-dialog.tsx';
import { ReasonDialog } from '../components/reason-dialog.tsx';
import { SendInvoiceDialog } from '../components/send-invoice-dialog.tsx';
import { UblDownload, UblRefusal, useUblDownload } from '../components/ubl-download.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

type Open = 'pay' | 'send' | 'credit' | 'void' | 'writeOff' | null;
const RECEIVABLE = new Set(['open', 'partially_paid', 'uncollectible']);

/** The warning shown before issuing beyond the customer's credit limit, or null. */
export function creditLimitWarning(i18n: ReturnType<typeof useI18n>, customer: { name: string; creditLimit: number | null; currency: string }, owed: number, invoice: { total: number; currency: string }): string | null {
  if (customer.creditLimit === null || invoice.currency !== customer.currency || owed + invoice.total <= customer.creditLimit) return null;
  return i18n.t('invoice.creditLimitWarning', { customer: customer.name, amount: i18n.money(owed + invoice.total, customer.currency), limit: i18n.money(customer.creditLimit, customer.currency) });
}

export function InvoicePage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const [sent, setSent] = useState<QueuedMessage | null>(null);
  const invoice = useQuery({ queryKey: ['invoices', id], queryFn: () => api.get<Invoice>(`/invoices/${id}`) });
  const customerId = invoice.data?.customerId ?? '';
  const customer = useQuery({ queryKey: ['customers', customerId], queryFn: () => api.get<Customer>(`/customers/${customerId}`), enabled: !!customerId });
  const overview = useCustomerOverview(customerId);
  const predictions = usePredictions(customerId);
  const issue = useChange(() => api.post<Invoice>(`/invoices/${id}/issue`));
  const remove = useChange(() => api.delete(`/invoices/${id}`), () => navigate('/invoices'));
  const ubl = useUblDownload(id);

  if (invoice.isPending) return <Loading />;
  if (invoice.error) return <ErrorNotice error={invoice.error} />;
  const inv = invoice.data;
  const money = (minor: number) => i18n.money(minor, inv.currency);
  // Where no VAT is charged the category says why (reverse charge, export …); a rate of 0 % would not.
  const taxedAt = (l: InvoiceLine) => (isExemptCategory(l.taxCategory as VatCategory) ? t(`vatCategory.${l.taxCategory as ExemptCategory}`) : i18n.percent(l.taxRateBp));
  const canWrite = session.can('invoices:write');
  const receivable = RECEIVABLE.has(inv.status) && inv.balance > 0;
  const predicted = predictions.data?.data.find((p) => p.invoiceId === inv.id);
  const owed = overview.data?.balances.find((b) => b.currency === inv.currency)?.balance ?? 0;
  const warning = inv.status === 'draft' && customer.data ? creditLimitWarning(i18n, customer.data, owed, inv) : null;
  const title = inv.kind === 'credit_note' ? t('invoice.creditNote', { number: inv.number ?? '' }) : inv.number ? t('invoice.title', { number: inv.number }) : t('invoice.draftTitle');

  return (
    <>
      <PageHead
        title={title}
        sub={
          <>
            <Link to={`/customers/${inv.customerId}`}>{customer.data?.name ?? '…'}</Link> · <StatusBadge status={inv.status} daysOverdue={inv.daysOverdue} />
            {inv.daysOverdue > 0 && <span className="danger-text"> {t('invoice.overdueBy', { days: inv.daysOverdue })}</span>}
          </>
        }
      >
        {canWrite && inv.status === 'draft' && (
          <>
            <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('invoice.deleteDraft')}</button>
            <Link className="btn" to={`/invoices/${inv.id}/edit`}>{t('invoice.edit')}</Link>
            <button type="button" className="btn primary" disabled={issue.isPending} onClick={() => issue.mutate(undefined)}>{t('invoice.issue')}</button>
          </>
        )}
        {inv.status !== 'draft' && (
          <>
            <a className="btn" href={apiUrl(`/invoices/${inv.id}/pdf`)} target="_blank" rel="noreferrer">PDF</a>
            <UblDownload download={ubl} />
          </>
        )}
        {canWrite && receivable && inv.kind === 'invoice' && <button type="button" className="btn" onClick={() => setOpen('send')}>{t('invoice.send')}</button>}
        {receivable && session.can('payments:write') && <button type="button" className="btn primary" onClick={() => setOpen('pay')}>{t('invoice.recordPayment')}</button>}
        {canWrite && inv.kind === 'invoice' && inv.status !== 'draft' && inv.status !== 'void' && inv.status !== 'written_off' && (
          <button type="button" className="btn" onClick={() => setOpen('credit')}>{t('invoice.creditNoteAction')}</button>
        )}
        {canWrite && receivable && inv.status !== 'written_off' && <button type="button" className="btn danger" onClick={() => setOpen('writeOff')}>{t('invoice.writeOff')}</button>}
        {canWrite && inv.status !== 'draft' && inv.status !== 'void' && inv.amountPaid === 0 && inv.amountCredited === 0 && (
          <button type="button" className="btn danger" onClick={() => setOpen('void')}>{t('invoice.void')}</button>
        )}
      </PageHead>
      {warning && <div className="notice warning" role="alert" style={{ marginBottom: 16 }}>{warning}</div>}
      {sent && <div className="notice success" role="status" style={{ marginBottom: 16 }}>{t('invoice.sendQueued', { number: inv.number ?? '', recipient: sent.recipient })}</div>}
      {(issue.error || remove.error) && <div style={{ marginBottom: 16 }}><ErrorNotice error={issue.error ?? remove.error} /></div>}
      {ubl.error && <div style={{ marginBottom: 16 }}><UblRefusal error={ubl.error} customerId={inv.customerId} /></div>}
      <div className="grid grid-side">
        <div className="stack">
          <section className="card">
            <div className="card-head"><h2>{t('invoice.lines')}</h2></div>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('invoice.description')}</th>
                    <th className="num">{t('invoice.quantity')}</th>
                    <th className="num">{t('invoice.unitPrice')}</th>
                    <th className="num hide-phone">{t('invoice.taxRate')}</th>
                    <th className="num">{t('invoice.net')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(inv.lines ?? []).map((l) => (
                    <tr key={l.id}>
                      <td>{l.description}</td>
                      <td className="num">{i18n.number(Number(l.quantity))}</td>
                      <td className="num">{money(l.unitPrice)}</td>
                      <td className="num hide-phone">{taxedAt(l)}</td>
                      <td className="num">{money(l.netAmount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card">
            <div className="card-head"><h2>{t('invoice.moneyApplied')}</h2></div>
            {(inv.allocations ?? []).length === 0 ? (
              <p className="card-body muted">{t('invoice.noMoney')}</p>
            ) : (
              <table className="table">
                <tbody>
                  {inv.allocations!.map((a) => (
                    <tr key={a.id}>
                      <td className="nowrap">{i18n.date(a.allocatedOn)}</td>
                      <td>{a.paymentId ? t('invoice.fromPayment') : t('invoice.fromCreditNote')}</td>
                      <td className="num">{money(a.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <div className="stack">
          <section className="card">
            <div className="card-body">
              <dl className="details">
                <dt>{t('invoices.issueDate')}</dt>
                <dd>{i18n.date(inv.issueDate)}</dd>
                <dt>{t('invoices.dueDate')}</dt>
                <dd>{i18n.date(inv.dueDate)}</dd>
                {inv.poNumber && (
                  <>
                    <dt>{t('invoice.po')}</dt>
                    <dd>{inv.poNumber}</dd>
                  </>
                )}
                <dt>{t('invoice.subtotal')}</dt>
                <dd>{money(inv.subtotal)}</dd>
                {inv.discountTotal > 0 && (
                  <>
                    <dt>{t('invoice.discountTotal')}</dt>
                    <dd>−{money(inv.discountTotal)}</dd>
                  </>
                )}
                <dt>{t('invoice.tax')}</dt>
                <dd>{money(inv.taxTotal)}</dd>
                <dt>{t('common.total')}</dt>
                <dd className="strong">{money(inv.total)}</dd>
                <dt>{t('invoice.paid')}</dt>
                <dd>{money(inv.amountPaid)}</dd>
                {inv.amountCredited > 0 && (
                  <>
                    <dt>{t('invoice.credited')}</dt>
                    <dd>{money(inv.amountCredited)}</dd>
                  </>
                )}
                <dt>{t('invoice.balance')}</dt>
                <dd className={`strong${inv.daysOverdue > 0 ? ' danger-text' : ''}`} data-testid="invoice-balance">{money(inv.balance)}</dd>
              </dl>
              {predicted && receivable && <p className="subtle" style={{ marginTop: 10 }}>{t('invoice.predicted', { date: i18n.date(predicted.predictedPayDate) })}</p>}
              {inv.statusReason && <p className="subtle" style={{ marginTop: 10 }}>{t('common.reason')}: {inv.statusReason}</p>}
            </div>
          </section>
          {inv.kind === 'invoice' && inv.status !== 'draft' && session.can('collections:read') && (
            <section className="card">
              <DunningSchedule invoiceId={inv.id} />
            </section>
          )}
        </div>
      </div>
      {open === 'pay' && customer.data && (
        <PaymentDialog customerId={inv.customerId} currency={inv.currency} invoice={{ id: inv.id, number: inv.number, balance: inv.balance }} onClose={() => setOpen(null)} />
      )}
      {open === 'send' && customer.data && (
        <SendInvoiceDialog invoice={inv} contacts={customer.data.contacts ?? []} onSent={setSent} onClose={() => setOpen(null)} />
      )}
      {open === 'credit' && <CreditNoteDialog invoiceId={inv.id} currency={inv.currency} onClose={() => setOpen(null)} />}
      {open === 'void' && (
        <ReasonDialog title={t('invoice.void')} help={t('invoice.voidHelp')} submitLabel={t('invoice.void')} run={(reason) => api.post(`/invoices/${inv.id}/void`, { reason })} onClose={() => setOpen(null)} />
      )}
      {open === 'writeOff' && (
        <ReasonDialog title={t('invoice.writeOff')} help={t('invoice.writeOffHelp')} submitLabel={t('invoice.writeOff')} run={(reason) => api.post(`/invoices/${inv.id}/write-off`, { reason })} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
