import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useCustomerOverview, usePredictions } from '../api/queries.ts';
import type { Customer, Handoff, Invoice, Page } from '../api/types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { CustomerDunning } from '../components/customer-dunning.tsx';
import { CustomerEInvoicing } from '../components/customer-e-invoicing.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { HandoffDialog } from '../components/handoff-dialog.tsx';
import { HandoffsCard, useHandoffs } from '../components/handoffs-card.tsx';
import { PageHead } from '../components/layout.tsx';
import { PaymentDialog } from '../components/payment-dialog.tsx';
import { RiskExplanation } from '../components/risk-explanation.tsx';
import { Timeline } from '../components/timeline.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export function CustomerPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const customer = useQuery({ queryKey: ['customers', id], queryFn: () => api.get<Customer>(`/customers/${id}`) });
  const overview = useCustomerOverview(id);
  const open = useQuery({
    queryKey: ['invoices', 'customer-open', id],
    queryFn: () => api.get<Page<Invoice>>('/invoices', { customerId: id, status: ['open', 'partially_paid', 'uncollectible'], limit: 200 }),
  });
  const predictions = usePredictions(id);
  const handoffs = useHandoffs(id);
  const [paying, setPaying] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [handedOver, setHandedOver] = useState<Handoff | null>(null);

  if (customer.isPending || overview.isPending) return <Loading />;
  if (customer.error) return <ErrorNotice error={customer.error} />;
  if (overview.error) return <ErrorNotice error={overview.error} />;
  const c = customer.data;
  const o = overview.data;
  const predicted = new Map((predictions.data?.data ?? []).map((p) => [p.invoiceId, p.predictedPayDate]));
  // What an agency could still take: overdue and not in an earlier hand-off.
  const withAgency = new Set((handoffs.data?.data ?? []).flatMap((h) => h.invoiceIds));
  const overdue = (open.data?.data ?? []).filter((inv) => inv.daysOverdue > 0 && !withAgency.has(inv.id));

  return (
    <>
      <PageHead
        title={c.name}
        sub={
          c.status !== 'active' || c.legalName || c.taxId || c.externalRef ? (
            <>
              {c.status !== 'active' && <span className="badge amber">{t(`customerStatus.${c.status}` as MessageKey)}</span>} {[c.legalName, c.taxId, c.externalRef].filter(Boolean).join(' · ')}
            </>
          ) : undefined
        }
      >
        {session.can('collections:write') && overdue.length > 0 && (
          <button type="button" className="btn" onClick={() => setHandingOver(true)}>{t('handoff.button')}</button>
        )}
        {session.can('payments:write') && <button type="button" className="btn" onClick={() => setPaying(true)}>{t('customer.recordPayment')}</button>}
        {session.can('invoices:write') && <Link className="btn primary" to={`/invoices/new?customerId=${c.id}`}>{t('customer.newInvoice')}</Link>}
      </PageHead>
      {handedOver && (
        <div className="notice success" role="status" style={{ marginBottom: 16 }}>
          {t('handoff.done', { count: handedOver.invoices.length })} <a href={handedOver.pack.url} download={handedOver.pack.fileName}>{t('handoff.download')}</a>
        </div>
      )}
      <div className="grid grid-side">
        <div className="stack">
          <section className="card">
            <div className="card-head"><h2>{t('customer.openInvoices')}</h2></div>
            {open.isPending ? <Loading /> : open.error ? <div className="card-body"><ErrorNotice error={open.error} /></div> : open.data.data.length === 0 ? (
              <p className="card-body muted">{t('common.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('invoices.number')}</th>
                      <th>{t('invoices.dueDate')}</th>
                      <th>{t('common.status')}</th>
                      <th className="num">{t('invoices.balance')}</th>
                      <th className="hide-phone">{t('customer.predicted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {open.data.data.map((inv) => (
                      <tr key={inv.id}>
                        <td><Link className="primary" to={`/invoices/${inv.id}`}>{inv.number}</Link></td>
                        <td>
                          {i18n.date(inv.dueDate)}
                          {inv.daysOverdue > 0 && <div className="subtle danger-text">{t('invoice.overdueBy', { days: inv.daysOverdue })}</div>}
                        </td>
                        <td><StatusBadge status={inv.status} daysOverdue={inv.daysOverdue} /></td>
                        <td className="num">{i18n.money(inv.balance, inv.currency)}</td>
                        <td className="hide-phone">{predicted.has(inv.id) ? i18n.date(predicted.get(inv.id)!) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card">
            <div className="card-head"><h2>{t('customer.timeline')}</h2></div>
            <Timeline customerId={c.id} currency={c.currency} />
          </section>
        </div>
        <div className="stack">
          <section className="card">
            <div className="card-body">
              <dl className="details">
                {(o.balances.length ? o.balances : [{ currency: c.currency, balance: 0, overdue: 0 }]).map((b) => (
                  <div key={b.currency} style={{ display: 'contents' }}>
                    <dt>{t('customers.balance')} {o.balances.length > 1 ? b.currency : ''}</dt>
                    <dd className="strong">{i18n.money(b.balance, b.currency)}</dd>
                    <dt>{t('customers.overdue')}</dt>
                    <dd className={b.overdue > 0 ? 'danger-text' : undefined}>{i18n.money(b.overdue, b.currency)}</dd>
                  </div>
                ))}
                {(c.credit ?? []).filter((x) => x.amount > 0).map((x) => (
                  <div key={x.currency} style={{ display: 'contents' }}>
                    <dt>{t('customer.credit')}</dt>
                    <dd>{i18n.money(x.amount, x.currency)}</dd>
                  </div>
                ))}
                <dt>{t('customer.creditLimit')}</dt>
                <dd>{c.creditLimit === null ? t('customer.noLimit') : i18n.money(c.creditLimit, c.currency)}</dd>
                <dt>{t('customer.terms')}</dt>
                <dd>{c.paymentTerms.replace('_', ' ')}</dd>
                {o.work.collectorName && (
                  <>
                    <dt>{t('customers.collector')}</dt>
                    <dd>{o.work.collectorName}</dd>
                  </>
                )}
              </dl>
            </div>
          </section>
          <HandoffsCard customerId={c.id} />
          <RiskExplanation customer={o} />
          <CustomerDunning customer={o} />
          <CustomerEInvoicing customer={c} />
          {o.behaviour && (
            <section className="card">
              <div className="card-head"><h2>{t('customer.behaviour')}</h2></div>
              <div className="card-body">
                <dl className="details">
                  <dt>{t('customer.paidInvoices')}</dt>
                  <dd>{i18n.number(o.behaviour.paidInvoices)}</dd>
                  <dt>{t('customer.paidLate')}</dt>
                  <dd>{i18n.percent(o.behaviour.paidLateShareBp)}</dd>
                  <dt>{t('customers.avgLate')}</dt>
                  <dd>{i18n.tenths(o.behaviour.weightedAverageDaysLateTenths)}</dd>
                  <dt>{t('customer.daysToPay')}</dt>
                  <dd>{i18n.tenths(o.behaviour.averageDaysToPayTenths)}</dd>
                </dl>
              </div>
            </section>
          )}
          {(c.contacts ?? []).length > 0 && (
            <section className="card">
              <div className="card-head"><h2>{t('customer.contacts')}</h2></div>
              <div className="card-body stack" style={{ gap: 10 }}>
                {c.contacts!.map((p) => (
                  <div key={p.id}>
                    <div className="primary">{p.name}</div>
                    <div className="subtle">{[p.email, p.phone].filter(Boolean).join(' · ')}</div>
                  </div>
                ))}
              </div>
            </section>
          )}
        </div>
      </div>
      {paying && <PaymentDialog customerId={c.id} currency={c.currency} onClose={() => setPaying(false)} />}
      {handingOver && <HandoffDialog customerId={c.id} overdue={overdue} onDone={setHandedOver} onClose={() => setHandingOver(false)} />}
    </>
  );
}
