import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import { useCustomerOverviews } from '../api/queries.ts';
import type { Invoice } from '../api/types.ts';
import { amountInput } from '../i18n/format.ts';
import { AmountField, parseTypedAmount } from '../components/amount-field.tsx';
import { Empty, ErrorNotice, Loading } from '../components/feedback.tsx';
import { PageHead } from '../components/layout.tsx';
import { useOrgToday } from '../components/org-today.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export interface Task {
  id: string;
  customerId: string;
  kind: string;
  title: string;
  invoiceIds: string[];
  phone: string | null;
  contactName: string | null;
  dueOn: string;
  reason: string;
  amountAtRisk?: number;
  daysOverdue?: number;
  details: { totals?: { currency: string; amountMinor: number }[] };
}

const QUICK_OUTCOMES = ['no_answer', 'left_message', 'wrong_number'] as const;
const REASONS = ['forgot', 'not_received', 'missing_po', 'cash_flow', 'payment_in_process', 'dispute', 'wrong_contact', 'refused', 'other'] as const;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * What the collector heard, in two clicks: "Reached", then why the customer pays late. A promise to pay
 * (date and amount, filled in from the invoice) goes with it when ticked; the reason "dispute" opens one.
 */
function CallOutcome({ task, currency, onDone }: { task: Task; currency: string; onDone: () => void }) {
  const { t } = useI18n();
  const today = useOrgToday();
  const [reached, setReached] = useState(false);
  const [agreed, setAgreed] = useState<'none' | 'promise' | 'plan'>('none');
  const promise = agreed === 'promise';
  const [promisedDate, setPromisedDate] = useState(addDays(today, 7));
  const [installments, setInstallments] = useState(3);
  const [firstDueDate, setFirstDueDate] = useState(addDays(today, 30));
  const invoiceId = task.invoiceIds[0];
  const invoice = useQuery({ queryKey: ['invoices', invoiceId], queryFn: () => api.get<Invoice>(`/invoices/${invoiceId}`), enabled: reached && !!invoiceId });
  const [amount, setAmount] = useState<string | null>(null);
  const shownAmount = amount ?? (invoice.data ? amountInput(invoice.data.balance, invoice.data.currency) : '');
  const minor = parseTypedAmount(shownAmount, invoice.data?.currency ?? currency);
  const complete = useChange((body: Record<string, unknown>) => api.post(`/tasks/${task.id}/complete`, body), onDone);
  const finish = (reasonCode: (typeof REASONS)[number]) => {
    const body: Record<string, unknown> = { outcome: 'reached', reasonCode };
    if (promise && invoiceId && minor) body.promise = { invoiceId, promisedDate, amount: minor, promisedBy: task.contactName ?? t('timeline.customerActor'), channel: 'phone' };
    if (agreed === 'plan' && invoiceId) body.paymentPlan = { invoiceId, firstDueDate, count: installments };
    if (reasonCode === 'dispute' && invoiceId) body.dispute = { invoiceId, reasonCode: 'other' };
    complete.mutate(body);
  };
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="actions">
        <button type="button" className={`btn small${reached ? ' primary' : ''}`} aria-pressed={reached} onClick={() => setReached(!reached)}>{t('outcome.reached')}</button>
        {!reached && QUICK_OUTCOMES.map((o) => (
          <button key={o} type="button" className="btn small" disabled={complete.isPending} onClick={() => complete.mutate({ outcome: o })}>{t(`outcome.${o}`)}</button>
        ))}
      </div>
      {reached && (
        <div className="stack" style={{ gap: 8 }}>
          {invoiceId && (
            <div className="actions" style={{ alignItems: 'flex-end' }}>
              <label className="check" style={{ paddingBottom: 8 }}>
                <input type="checkbox" checked={promise} onChange={(e) => setAgreed(e.target.checked ? 'promise' : 'none')} />
                {t('worklist.promise')}
              </label>
              <label className="check" style={{ paddingBottom: 8 }}>
                <input type="checkbox" checked={agreed === 'plan'} onChange={(e) => setAgreed(e.target.checked ? 'plan' : 'none')} />
                {t('worklist.plan')}
              </label>
              {agreed === 'plan' && (
                <>
                  <label className="field">
                    <span>{t('worklist.installments')}</span>
                    <input className="input num" type="number" min={2} max={24} value={installments} onChange={(e) => setInstallments(Number(e.target.value))} style={{ width: 80 }} />
                  </label>
                  <label className="field">
                    <span>{t('worklist.firstDue')}</span>
                    <input className="input" type="date" min={today} value={firstDueDate} onChange={(e) => setFirstDueDate(e.target.value)} />
                  </label>
                </>
              )}
              {promise && (
                <>
                  <label className="field">
                    <span>{t('worklist.promiseDate')}</span>
                    <input className="input" type="date" min={today} value={promisedDate} onChange={(e) => setPromisedDate(e.target.value)} />
                  </label>
                  <AmountField label={t('common.amount')} currency={invoice.data?.currency ?? currency} value={shownAmount} onChange={setAmount} error={shownAmount && !minor ? t('editor.badAmount') : null} />
                </>
              )}
            </div>
          )}
          <div>
            <div className="subtle" style={{ marginBottom: 6 }}>{t('worklist.why')}</div>
            <div className="actions">
              {REASONS.map((r) => (
                <button key={r} type="button" className="btn small" disabled={complete.isPending || (promise && !minor)} onClick={() => finish(r)}>{t(`lateReason.${r}`)}</button>
              ))}
            </div>
          </div>
        </div>
      )}
      {complete.error && <ErrorNotice error={complete.error} />}
    </div>
  );
}

export function WorklistPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [assignee, setAssignee] = useState<'me' | 'unassigned' | 'all'>('all');
  const [due, setDue] = useState<'today' | 'all'>('today');
  const tasks = useQuery({
    queryKey: ['tasks', assignee, due],
    queryFn: () => api.get<{ data: Task[] }>('/tasks', { due, assignee: assignee === 'all' ? undefined : assignee, limit: 200 }),
  });
  const customers = useCustomerOverviews('');
  const byId = new Map((customers.data?.data ?? []).map((c) => [c.id, c]));
  // A logged task leaves the list at once (it is done); this says whose call was logged, with a way back to them.
  const [logged, setLogged] = useState<{ taskId: string; customerId: string; name: string }[]>([]);
  const canWrite = session.can('collections:write');

  return (
    <>
      <PageHead title={t('worklist.title')} sub={t('worklist.sub')}>
        <select className="input" aria-label={t('worklist.whose')} value={assignee} onChange={(e) => setAssignee(e.target.value as typeof assignee)} style={{ width: 'auto' }}>
          <option value="all">{t('worklist.everyone')}</option>
          {session.user && <option value="me">{t('worklist.mine')}</option>}
          <option value="unassigned">{t('worklist.team')}</option>
        </select>
        <select className="input" aria-label={t('worklist.when')} value={due} onChange={(e) => setDue(e.target.value as typeof due)} style={{ width: 'auto' }}>
          <option value="today">{t('worklist.dueToday')}</option>
          <option value="all">{t('worklist.allOpen')}</option>
        </select>
      </PageHead>
      {logged.length > 0 && (
        <div className="stack" style={{ gap: 8, marginBottom: 16 }} role="status">
          {logged.map((l) => (
            <div key={l.taskId} className="notice success">
              {t('worklist.logged')}: <Link to={`/customers/${l.customerId}`}>{l.name}</Link>
            </div>
          ))}
        </div>
      )}
      <section className="card">
        {tasks.isPending ? <Loading /> : tasks.error ? <div className="card-body"><ErrorNotice error={tasks.error} onRetry={() => tasks.refetch()} /></div> : tasks.data.data.length === 0 ? (
          <Empty>{t('worklist.empty')}</Empty>
        ) : (
          <ol className="timeline" aria-label={t('worklist.title')}>
            {tasks.data.data.map((task) => {
              const customer = byId.get(task.customerId);
              const currency = task.details.totals?.[0]?.currency ?? customer?.currency ?? session.organization.baseCurrency;
              return (
                <li key={task.id} style={{ gridTemplateColumns: '1fr auto' }} data-testid="task">
                  <div className="stack" style={{ gap: 6 }}>
                    <div>
                      <Link className="tl-title" to={`/customers/${task.customerId}`} style={{ color: 'inherit' }}>{customer?.name ?? '…'}</Link>
                      <span className="muted"> · {task.title}</span>
                    </div>
                    <div className="subtle">
                      {[task.contactName, task.phone].filter(Boolean).map((x) => `${x} · `).join('')}
                      {task.phone && <><a href={`tel:${task.phone}`}>{t('worklist.call')}</a> · </>}
                      {t('worklist.dueOn', { date: i18n.date(task.dueOn) })}
                    </div>
                    {canWrite && !logged.some((l) => l.taskId === task.id) && (
                      <CallOutcome task={task} currency={currency} onDone={() => setLogged((l) => [{ taskId: task.id, customerId: task.customerId, name: customer?.name ?? '' }, ...l])} />
                    )}
                  </div>
                  <div className="num">
                    {task.amountAtRisk !== undefined && <div className="primary">{i18n.money(task.amountAtRisk, currency)}</div>}
                    {task.daysOverdue !== undefined && task.daysOverdue > 0 && <div className="subtle danger-text">{t('invoice.overdueBy', { days: task.daysOverdue })}</div>}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}
