import { useState } from 'react';
import { Link } from 'react-router';
import { useAging, useDso, useForecast, useSummary } from '../api/queries.ts';
import { AgingChart } from '../charts/aging-chart.tsx';
import { DsoTrendChart } from '../charts/dso-trend-chart.tsx';
import { ForecastChart } from '../charts/forecast-chart.tsx';
import { CurrencyPicker, defaultCurrency } from '../components/currency-picker.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { PageHead } from '../components/layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

function Stat({ label, value, detail, alert, to }: { label: string; value: string; detail?: string; alert?: boolean; to?: string }) {
  const body = (
    <>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail && <div className="stat-detail">{detail}</div>}
    </>
  );
  return to ? (
    <Link to={to} className={`stat stat-link${alert ? ' alert' : ''}`}>{body}</Link>
  ) : (
    <div className={`stat${alert ? ' alert' : ''}`}>{body}</div>
  );
}

export function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const summary = useSummary();
  const aging = useAging();
  const dso = useDso({ months: 12 });
  const forecast = useForecast();
  const [chosen, setChosen] = useState<string | null>(null);

  if (summary.isPending) return <Loading />;
  if (summary.error) return <ErrorNotice error={summary.error} onRetry={() => summary.refetch()} />;
  const currencies = summary.data.currencies.map((c) => c.currency);
  const currency = chosen && currencies.includes(chosen) ? chosen : defaultCurrency(currencies, session.organization.baseCurrency);
  const figures = summary.data.currencies.find((c) => c.currency === currency);
  const agingReport = aging.data?.currencies.find((c) => c.currency === currency);
  const dsoReport = dso.data?.currencies.find((c) => c.currency === currency);
  const forecastReport = forecast.data?.currencies.find((c) => c.currency === currency);
  const money = (minor: number) => i18n.money(minor, currency);
  const topOverdue = (agingReport?.customers ?? [])
    .map((c) => ({ ...c, overdue: c.total - (c.amounts[0] ?? 0) }))
    .filter((c) => c.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, 6);

  return (
    <>
      <PageHead title={t('dashboard.title')} sub={`${session.organization.name} · ${t('common.asOf', { date: i18n.date(summary.data.asOf) })}`}>
        <CurrencyPicker currencies={currencies} value={currency} onChange={setChosen} />
      </PageHead>
      {!figures ? (
        <div className="card"><Empty>{t('dashboard.empty')}</Empty></div>
      ) : (
        <div className="stack">
          <section className="stats" aria-label={t('dashboard.title')}>
            <Stat label={t('dashboard.receivable')} value={money(figures.receivables)} />
            <Stat
              label={t('dashboard.overdue')}
              value={money(figures.overdue)}
              alert={figures.overdue > 0}
              detail={figures.receivables > 0 ? t('dashboard.overdueShare', { share: i18n.percent(Math.round((figures.overdue / figures.receivables) * 10_000)) }) : undefined}
              to="/invoices?overdue=true"
            />
            <Stat
              label={t('dashboard.dso')}
              value={figures.dso ? t('common.daysDecimal', { days: i18n.tenths(figures.dso.dsoTenths) }) : '–'}
              detail={figures.dso ? t('dashboard.dsoDetail', { best: i18n.tenths(figures.dso.bestPossibleTenths), delinquent: i18n.tenths(figures.dso.averageDaysDelinquentTenths) }) : undefined}
            />
            <Stat label={t('dashboard.collected')} value={money(figures.collectedThisMonth)} detail={t('dashboard.collectedDetail', { count: figures.paymentsThisMonth })} />
          </section>
          <section className="strip" aria-label={t('nav.worklist')}>
            <Link to="/worklist">
              <div className="stat-label">{t('dashboard.promisesDue')}</div>
              <div className="stat-value">{i18n.number(summary.data.collections.promisesDueToday)}</div>
            </Link>
            <Link to="/worklist">
              <div className="stat-label">{t('dashboard.brokenPromises')} <span className="subtle">· {t('dashboard.brokenHelp')}</span></div>
              <div className={`stat-value${summary.data.collections.brokenPromises > 0 ? ' danger-text' : ''}`}>{i18n.number(summary.data.collections.brokenPromises)}</div>
            </Link>
            <div>
              <div className="stat-label">{t('dashboard.openDisputes')}</div>
              <div className="stat-value">{i18n.number(summary.data.collections.openDisputes)}</div>
            </div>
          </section>
          {currencies.length > 1 && <p className="subtle">{t('common.perCurrency')}</p>}
          <div className="grid grid-2">
            <section className="card">
              <div className="card-head"><h2>{t('dashboard.aging')}</h2><p>{t('dashboard.agingHelp')}</p></div>
              <div className="card-body">
                {aging.error ? <ErrorNotice error={aging.error} /> : agingReport ? <AgingChart report={agingReport} /> : aging.isPending ? <Loading /> : <Empty>{t('dashboard.nothingYet', { currency })}</Empty>}
              </div>
            </section>
            <section className="card">
              <div className="card-head"><h2>{t('dashboard.dsoTrend')}</h2><p>{t('dashboard.dsoTrendHelp')}</p></div>
              <div className="card-body">
                {dso.error ? <ErrorNotice error={dso.error} /> : dsoReport ? <DsoTrendChart report={dsoReport} /> : dso.isPending ? <Loading /> : <Empty>{t('dashboard.nothingYet', { currency })}</Empty>}
              </div>
            </section>
          </div>
          <div className="grid grid-side">
            <section className="card">
              <div className="card-head"><h2>{t('dashboard.forecast')}</h2><p>{t('dashboard.forecastHelp')}</p></div>
              <div className="card-body">
                {forecast.error ? <ErrorNotice error={forecast.error} /> : forecastReport ? <ForecastChart forecast={forecastReport} /> : forecast.isPending ? <Loading /> : <Empty>{t('dashboard.nothingYet', { currency })}</Empty>}
              </div>
            </section>
            <section className="card">
              <div className="card-head"><h2>{t('dashboard.topOverdue')}</h2></div>
              {topOverdue.length === 0 ? (
                <Empty>{t('common.none')}</Empty>
              ) : (
                <table className="table">
                  <tbody>
                    {topOverdue.map((c) => (
                      <tr key={c.customerId}>
                        <td><Link className="primary" to={`/customers/${c.customerId}`}>{c.customerName}</Link></td>
                        <td className="num danger-text">{money(c.overdue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </div>
      )}
    </>
  );
}
