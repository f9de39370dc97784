import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, apiUrl } from '../api/client.ts';
import { useAging, useDso, usePredictions } from '../api/queries.ts';
import type { Behaviour } from '../api/types.ts';
import { bucketLabel } from '../charts/bucket-label.ts';
import { offsetLabel } from '../components/dunning-schedule.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { Icon } from '../components/icons.tsx';
import { PageHead } from '../components/layout.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import type { MessageKey } from '../i18n/en.ts';
import { formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const TABS = ['aging', 'dso', 'behaviour', 'reminders', 'predictions'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, MessageKey> = { aging: 'reports.aging', dso: 'reports.dso', behaviour: 'reports.behaviour', reminders: 'reports.reminders', predictions: 'reports.predictions' };

function CsvLink({ path, query = {} }: { path: string; query?: Record<string, string | number | undefined> }) {
  const { t } = useI18n();
  return (
    <a className="btn small" href={apiUrl(path, { ...query, format: 'csv' })} download>
      <span style={{ width: 14, height: 14, display: 'inline-flex' }}><Icon name="download" /></span>
      {t('common.exportCsv')}
    </a>
  );
}

function AgingReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const [edges, setEdges] = useState('30,60,90');
  const [asOf, setAsOf] = useState('');
  const settledEdges = useDebounced(edges.replace(/\s/g, ''), 400);
  const settled = { edges: settledEdges, asOf: asOf || undefined };
  const aging = useAging(settled);
  return (
    <>
      <div className="toolbar">
        <label className="field">
          <span>{t('reports.edges')}</span>
          <input className="input" value={edges} onChange={(e) => setEdges(e.target.value)} style={{ width: 140 }} />
        </label>
        <label className="field">
          <span>{t('reports.asOf')}</span>
          <input className="input" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <CsvLink path="/insight/aging" query={settled} />
      </div>
      {aging.isPending ? <Loading /> : aging.error ? (
        <div className="card-body"><ErrorNotice error={aging.error} /></div>
      ) : aging.data.currencies.length === 0 ? <Empty>{t('common.none')}</Empty> : (
        aging.data.currencies.map((c) => (
          <div key={c.currency} className="table-wrap">
            <table className="table fixed">
              <thead>
                <tr>
                  <th>{t('common.customer')} ({c.currency})</th>
                  {c.buckets.map((b) => <th key={b.key} className="num">{bucketLabel(t, b)}</th>)}
                  <th className="num">{t('common.total')}</th>
                </tr>
              </thead>
              <tbody>
                {c.customers.map((x) => (
                  <tr key={x.customerId}>
                    <td><Link className="primary" to={`/customers/${x.customerId}`}>{x.customerName}</Link></td>
                    {x.amounts.map((a, i) => <td key={c.buckets[i]!.key} className={`num${a > 0 && i > 0 ? ' danger-text' : ''}`}>{a ? i18n.money(a, c.currency) : <span className="subtle">–</span>}</td>)}
                    <td className="num primary">{i18n.money(x.total, c.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('common.total')}</td>
                  {c.bucketTotals.map((a, i) => <td key={c.buckets[i]!.key} className="num">{i18n.money(a, c.currency)}</td>)}
                  <td className="num">{i18n.money(c.total, c.currency)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ))
      )}
    </>
  );
}

function DsoReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const [method, setMethod] = useState<'countback' | 'simple'>('countback');
  const dso = useDso({ months: 12, method });
  const cei = useQuery({ queryKey: ['insight', 'cei'], queryFn: () => api.get<{ from: string; to: string; currencies: { currency: string; ceiBp: number | null }[] }>('/insight/cei', { months: 3 }) });
  const days = (tenths: number | undefined) => (tenths === undefined ? '–' : i18n.tenths(tenths));
  return (
    <>
      <div className="toolbar">
        <label className="field">
          <span>{t('reports.method')}</span>
          <select className="input" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
            <option value="countback">{t('reports.countback')}</option>
            <option value="simple">{t('reports.simple')}</option>
          </select>
        </label>
        <CsvLink path="/insight/dso" query={{ method, months: 12 }} />
        {cei.data && cei.data.currencies.length > 0 && (
          <p className="muted" style={{ paddingBottom: 8 }}>
            {t('reports.cei')} ({t('reports.ceiPeriod', { from: i18n.date(cei.data.from), to: i18n.date(cei.data.to) })}):{' '}
            {cei.data.currencies.map((c) => `${c.currency} ${c.ceiBp === null ? '–' : i18n.percent(c.ceiBp)}`).join(' · ')}
          </p>
        )}
      </div>
      {dso.isPending ? <Loading /> : dso.error ? <div className="card-body"><ErrorNotice error={dso.error} /></div> : (
        dso.data.currencies.map((c) => (
          <div key={c.currency} className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('reports.monthEnd')} ({c.currency})</th>
                  <th className="num">{t('reports.receivables')}</th>
                  <th className="num">{t('reports.current')}</th>
                  <th className="num">{t('chart.dso')}</th>
                  <th className="num">{t('reports.bestPossible')}</th>
                  <th className="num">{t('reports.delinquent')}</th>
                </tr>
              </thead>
              <tbody>
                {[...c.trend].reverse().map((p) => (
                  <tr key={p.monthEnd}>
                    <td>{formatMonth(i18n.locale, p.monthEnd)}</td>
                    <td className="num">{p.dso ? i18n.money(p.dso.receivables, c.currency) : '–'}</td>
                    <td className="num">{p.dso ? i18n.money(p.dso.currentReceivables, c.currency) : '–'}</td>
                    <td className="num primary">{p.dso ? days(p.dso.dsoTenths) : t('reports.undefined')}</td>
                    <td className="num">{days(p.dso?.bestPossibleTenths)}</td>
                    <td className="num">{days(p.dso?.averageDaysDelinquentTenths)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </>
  );
}

function BehaviourReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useQuery({ queryKey: ['insight', 'behaviour'], queryFn: () => api.get<{ paidSince: string; data: (Behaviour & { currency: string; customerName: string })[] }>('/insight/payment-behaviour') });
  return (
    <>
      <div className="toolbar">
        {list.data && <p className="muted" style={{ paddingBottom: 8 }}>{t('reports.paidSince', { date: i18n.date(list.data.paidSince) })}</p>}
        <CsvLink path="/insight/payment-behaviour" />
      </div>
      {list.isPending ? <Loading /> : list.error ? <div className="card-body"><ErrorNotice error={list.error} /></div> : list.data.data.length === 0 ? <Empty>{t('common.none')}</Empty> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.customer')}</th>
                <th>{t('common.currency')}</th>
                <th className="num">{t('customer.paidInvoices')}</th>
                <th className="num">{t('customer.paidLate')}</th>
                <th className="num">{t('customers.avgLate')}</th>
                <th className="num">{t('customer.daysToPay')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((b) => (
                <tr key={`${b.customerId}-${b.currency}`}>
                  <td><Link className="primary" to={`/customers/${b.customerId}`}>{b.customerName}</Link></td>
                  <td>{b.currency}</td>
                  <td className="num">{i18n.number(b.paidInvoices)}</td>
                  <td className="num">{i18n.percent(b.paidLateShareBp)}</td>
                  <td className="num">{i18n.tenths(b.weightedAverageDaysLateTenths)}</td>
                  <td className="num">{i18n.tenths(b.averageDaysToPayTenths)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

interface Effectiveness {
  windowDays: number;
  currencies: { currency: string; steps: { stepId: string; reminded: number; paidWithinWindow: number; paidWithinWindowShareBp: number | null; pending: number; sentAfterPayment: number }[] }[];
}

/** How many reminded invoices were paid within the window after each step, with the step as the policy names it. */
function RemindersReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const [windowDays, setWindowDays] = useState(7);
  const report = useQuery({ queryKey: ['insight', 'reminders', windowDays], queryFn: () => api.get<Effectiveness>('/insight/reminder-effectiveness', { windowDays }) });
  const policies = useQuery({ queryKey: ['dunning', 'policies'], queryFn: () => api.get<{ data: { steps: { id: string; offsetDays: number; channel: string }[] }[] }>('/dunning/policies') });
  const steps = new Map((policies.data?.data ?? []).flatMap((p) => p.steps.map((s) => [s.id, s] as const)));
  const label = (stepId: string) => {
    const s = steps.get(stepId);
    return s ? `${offsetLabel(t, s.offsetDays)} · ${t(`channel.${s.channel}` as MessageKey)}` : stepId;
  };
  return (
    <>
      <div className="toolbar">
        <label className="field">
          <span>{t('reports.window')}</span>
          <select className="input" value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))}>
            {[3, 7, 14, 30].map((d) => <option key={d} value={d}>{t('common.days', { days: d })}</option>)}
          </select>
        </label>
        <CsvLink path="/insight/reminder-effectiveness" query={{ windowDays }} />
      </div>
      {report.isPending ? <Loading /> : report.error ? <div className="card-body"><ErrorNotice error={report.error} /></div> : report.data.currencies.length === 0 ? <Empty>{t('reports.noReminders')}</Empty> : (
        report.data.currencies.map((c) => (
          <div key={c.currency} className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('reports.step')} ({c.currency})</th>
                  <th className="num">{t('reports.reminded')}</th>
                  <th className="num">{t('reports.paidWithin', { days: report.data.windowDays })}</th>
                  <th className="num">{t('reports.pending')}</th>
                  <th className="num">{t('reports.afterPayment')}</th>
                </tr>
              </thead>
              <tbody>
                {c.steps.map((s) => (
                  <tr key={s.stepId}>
                    <td className="primary">{label(s.stepId)}</td>
                    <td className="num">{i18n.number(s.reminded)}</td>
                    <td className="num">{s.paidWithinWindowShareBp === null ? '–' : `${i18n.percent(s.paidWithinWindowShareBp)} (${i18n.number(s.paidWithinWindow)})`}</td>
                    <td className="num">{i18n.number(s.pending)}</td>
                    <td className={`num${s.sentAfterPayment > 0 ? ' danger-text' : ''}`}>{i18n.number(s.sentAfterPayment)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </>
  );
}

function PredictionsReport() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = usePredictions(null);
  return (
    <>
      <div className="toolbar">
        <p className="muted grow" style={{ paddingBottom: 8 }}>{t('reports.predictionsHelp')}</p>
        <CsvLink path="/insight/predictions" />
      </div>
      {list.isPending ? <Loading /> : list.error ? <div className="card-body"><ErrorNotice error={list.error} /></div> : list.data.data.length === 0 ? <Empty>{t('common.none')}</Empty> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('invoices.number')}</th>
                <th>{t('common.customer')}</th>
                <th>{t('invoices.dueDate')}</th>
                <th className="num">{t('invoices.balance')}</th>
                <th>{t('customer.predicted')}</th>
                <th className="hide-phone">{t('reports.basis')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((p) => (
                <tr key={p.invoiceId}>
                  <td><Link className="primary" to={`/invoices/${p.invoiceId}`}>{p.number}</Link></td>
                  <td>{p.customerName}</td>
                  <td className="nowrap">{i18n.date(p.dueDate)}</td>
                  <td className="num">{i18n.money(p.openBalance, p.currency)}</td>
                  <td className="nowrap">{i18n.date(p.predictedPayDate)}</td>
                  <td className="hide-phone subtle">{t(`reports.basis.${p.basis.kind}`, { count: p.basis.sampleSize })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('aging');
  return (
    <>
      <PageHead title={t('reports.title')} sub={t('common.perCurrency')}>
        <div className="currency-tabs" role="tablist">
          {TABS.map((x) => (
            <button key={x} type="button" role="tab" aria-selected={tab === x} className={`btn small${tab === x ? ' primary' : ''}`} onClick={() => setTab(x)}>{t(TAB_LABEL[x])}</button>
          ))}
        </div>
      </PageHead>
      <section className="card">
        {tab === 'aging' && <AgingReport />}
        {tab === 'dso' && <DsoReport />}
        {tab === 'behaviour' && <BehaviourReport />}
        {tab === 'reminders' && <RemindersReport />}
        {tab === 'predictions' && <PredictionsReport />}
      </section>
    </>
  );
}

