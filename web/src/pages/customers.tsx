import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiUrl } from '../api/client.ts';
import { useCustomerOverviews } from '../api/queries.ts';
import type { CustomerOverview } from '../api/types.ts';
import { RiskBadge } from '../components/badges.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { Icon } from '../components/icons.tsx';
import { PageHead } from '../components/layout.tsx';
import { SortHeader, useSorted } from '../components/sortable.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { useI18n } from '../i18n/i18n.tsx';

const RISK_ORDER = { low: 0, medium: 1, high: 2 } as const;
const own = (c: CustomerOverview) => c.balances.find((b) => b.currency === c.currency) ?? c.balances[0];

// Amounts sort within their currency (the currencies in reverse alphabetical order when sorting downwards);
// comparing a rupiah figure with a euro figure would mean nothing.
const SORT_KEYS = {
  name: (c: CustomerOverview) => c.name,
  balance: (c: CustomerOverview) => [own(c)?.currency ?? c.currency, own(c)?.balance ?? 0],
  overdue: (c: CustomerOverview) => [own(c)?.currency ?? c.currency, own(c)?.overdue ?? 0],
  oldest: (c: CustomerOverview) => Math.max(0, ...c.balances.map((b) => b.maxDaysOverdue)),
  late: (c: CustomerOverview) => c.behaviour?.weightedAverageDaysLateTenths ?? -1,
  risk: (c: CustomerOverview) => RISK_ORDER[c.effectiveRisk.level] * 1000 + (c.effectiveRisk.computed ?? c.risk).score,
};

export function CustomersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [q, setQ] = useState('');
  const [risk, setRisk] = useState<'' | 'low' | 'medium' | 'high'>('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const search = useDebounced(q.trim());
  const list = useCustomerOverviews(search);
  const rows = useMemo(
    () => (list.data?.data ?? []).filter((c) => (!risk || c.effectiveRisk.level === risk) && (!onlyOverdue || c.balances.some((b) => b.overdue > 0))),
    [list.data, risk, onlyOverdue],
  );
  const { sorted, sort, toggle } = useSorted<CustomerOverview, keyof typeof SORT_KEYS>(rows, SORT_KEYS, { key: 'oldest', direction: 'desc' });

  return (
    <>
      <PageHead title={t('customers.title')}>
        <a className="btn" href={apiUrl('/insight/customers', { q: search, format: 'csv', limit: 5000 })} download>
          <span style={{ width: 16, height: 16, display: 'inline-flex' }}><Icon name="download" /></span>
          {t('common.exportCsv')}
        </a>
      </PageHead>
      <div className="card">
        <div className="toolbar">
          <label className="field grow">
            <span>{t('common.search')}</span>
            <input className="input" type="search" placeholder={t('customers.search')} value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('customers.filterRisk')}</span>
            <select className="input" value={risk} onChange={(e) => setRisk(e.target.value as typeof risk)}>
              <option value="">{t('common.all')}</option>
              <option value="high">{t('risk.high')}</option>
              <option value="medium">{t('risk.medium')}</option>
              <option value="low">{t('risk.low')}</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />
            {t('customers.onlyOverdue')}
          </label>
        </div>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <div className="card-body"><ErrorNotice error={list.error} onRetry={() => list.refetch()} /></div>
        ) : sorted.length === 0 ? (
          <Empty>{search || risk || onlyOverdue ? t('common.noResults') : t('customers.empty')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <SortHeader label={t('common.customer')} column="name" sort={sort} onSort={toggle} />
                  <SortHeader label={t('customers.balance')} column="balance" sort={sort} onSort={toggle} numeric className="hide-phone" />
                  <SortHeader label={t('customers.overdue')} column="overdue" sort={sort} onSort={toggle} numeric />
                  <SortHeader label={t('customers.oldest')} column="oldest" sort={sort} onSort={toggle} numeric className="hide-phone" />
                  <SortHeader label={t('customers.avgLate')} column="late" sort={sort} onSort={toggle} numeric className="hide-phone" />
                  <SortHeader label={t('customers.risk')} column="risk" sort={sort} onSort={toggle} />
                  <th className="hide-phone">{t('customers.collector')}</th>
                  <th className="hide-phone">{t('customers.nextAction')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((c) => {
                  const oldest = Math.max(0, ...c.balances.map((b) => b.maxDaysOverdue));
                  return (
                    <tr key={c.id}>
                      <td>
                        <Link className="primary" to={`/customers/${c.id}`}>{c.name}</Link>
                        {c.status !== 'active' && <div className="subtle">{c.status.replace('_', ' ')}</div>}
                      </td>
                      <td className="num hide-phone">{c.balances.length === 0 ? i18n.money(0, c.currency) : c.balances.map((b) => <div key={b.currency}>{i18n.money(b.balance, b.currency)}</div>)}</td>
                      <td className="num">
                        {c.balances.filter((b) => b.overdue > 0).map((b) => <div key={b.currency} className="danger-text">{i18n.money(b.overdue, b.currency)}</div>)}
                        {c.balances.every((b) => b.overdue === 0) && <span className="subtle">–</span>}
                      </td>
                      <td className="num hide-phone">{oldest > 0 ? t('common.days', { days: oldest }) : <span className="subtle">–</span>}</td>
                      <td className="num hide-phone">{c.behaviour ? i18n.tenths(c.behaviour.weightedAverageDaysLateTenths) : <span className="subtle">–</span>}</td>
                      <td><RiskBadge risk={c.effectiveRisk.level} /></td>
                      <td className="hide-phone">{c.work.collectorName ?? <span className="subtle">–</span>}</td>
                      <td className="hide-phone">
                        {c.work.nextTask ? (
                          <>
                            {c.work.nextTask.title}
                            <div className="subtle">{i18n.date(c.work.nextTask.dueOn)}</div>
                          </>
                        ) : c.work.nextReminderCheck ? (
                          <span className="muted">{t('customers.nextReminder', { date: i18n.date(c.work.nextReminderCheck) })}</span>
                        ) : (
                          <span className="subtle">–</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {list.data && list.data.data.length >= 500 && <p className="subtle" style={{ padding: '10px 18px' }}>{t('common.moreResults', { count: 500 })}</p>}
      </div>
    </>
  );
}
