import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../api/client.ts';
import { useCustomerOptions } from '../api/customer-options.ts';
import type { Invoice, InvoiceStatus, Page } from '../api/types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { Icon } from '../components/icons.tsx';
import { PageHead } from '../components/layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

const STATUSES: readonly InvoiceStatus[] = ['draft', 'open', 'partially_paid', 'paid', 'uncollectible', 'written_off', 'void'];

/** Filters live in the address, so a filtered list can be bookmarked and shared. */
export function InvoicesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filter = {
    status: params.get('status') ?? '',
    overdue: params.get('overdue') === 'true',
    customerId: params.get('customerId') ?? '',
    dueFrom: params.get('dueFrom') ?? '',
    dueTo: params.get('dueTo') ?? '',
    number: params.get('number') ?? '',
  };
  const set = (key: string, value: string | boolean) => {
    const next = new URLSearchParams(params);
    if (value === '' || value === false) next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const query = { status: filter.status ? [filter.status] : undefined, overdue: filter.overdue || undefined, customerId: filter.customerId || undefined, dueFrom: filter.dueFrom || undefined, dueTo: filter.dueTo || undefined, number: filter.number.trim() || undefined, kind: 'invoice' };
  const list = useInfiniteQuery({
    queryKey: ['invoices', 'list', query],
    queryFn: ({ pageParam }) => api.get<Page<Invoice & { customerName: string }>>('/insight/invoices', { ...query, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const customers = useCustomerOptions('');
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHead title={t('invoices.title')}>
        <a className="btn" href={apiUrl('/insight/invoices', { ...query, format: 'csv' })} download>
          <span style={{ width: 16, height: 16, display: 'inline-flex' }}><Icon name="download" /></span>
          {t('common.exportCsv')}
        </a>
        {session.can('invoices:write') && <Link className="btn primary" to="/invoices/new">{t('invoices.new')}</Link>}
      </PageHead>
      <div className="card">
        <div className="toolbar">
          <label className="field">
            <span>{t('invoices.number')}</span>
            <input className="input" type="search" value={filter.number} onChange={(e) => set('number', e.target.value)} style={{ width: 140 }} />
          </label>
          <label className="field">
            <span>{t('invoices.filterStatus')}</span>
            <select className="input" value={filter.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </label>
          <label className="field grow">
            <span>{t('invoices.filterCustomer')}</span>
            <select className="input" value={filter.customerId} onChange={(e) => set('customerId', e.target.value)}>
              <option value="">{t('common.all')}</option>
              {(customers.data?.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('invoices.dueFrom')}</span>
            <input className="input" type="date" value={filter.dueFrom} onChange={(e) => set('dueFrom', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('invoices.dueTo')}</span>
            <input className="input" type="date" value={filter.dueTo} onChange={(e) => set('dueTo', e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={filter.overdue} onChange={(e) => set('overdue', e.target.checked)} />
            {t('invoices.filterOverdue')}
          </label>
        </div>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <div className="card-body"><ErrorNotice error={list.error} onRetry={() => list.refetch()} /></div>
        ) : rows.length === 0 ? (
          <Empty>{t('invoices.empty')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('invoices.number')}</th>
                  <th>{t('common.customer')}</th>
                  <th className="hide-phone">{t('invoices.issueDate')}</th>
                  <th>{t('invoices.dueDate')}</th>
                  <th>{t('common.status')}</th>
                  <th className="num hide-phone">{t('invoices.total')}</th>
                  <th className="num">{t('invoices.balance')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((inv) => (
                  <tr key={inv.id}>
                    <td><Link className="primary" to={`/invoices/${inv.id}`}>{inv.number ?? t('invoices.draftNumber')}</Link></td>
                    <td><Link to={`/customers/${inv.customerId}`} style={{ color: 'inherit' }}>{inv.customerName}</Link></td>
                    <td className="hide-phone nowrap">{i18n.date(inv.issueDate)}</td>
                    <td className="nowrap">
                      {i18n.date(inv.dueDate)}
                      {inv.daysOverdue > 0 && <div className="subtle danger-text">{t('invoice.overdueBy', { days: inv.daysOverdue })}</div>}
                    </td>
                    <td><StatusBadge status={inv.status} daysOverdue={inv.daysOverdue} /></td>
                    <td className="num hide-phone">{i18n.money(inv.total, inv.currency)}</td>
                    <td className="num">{i18n.money(inv.balance, inv.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.hasNextPage && (
          <div style={{ padding: 12, textAlign: 'center' }}>
            <button type="button" className="btn small" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('invoices.loadMore')}</button>
          </div>
        )}
      </div>
    </>
  );
}
