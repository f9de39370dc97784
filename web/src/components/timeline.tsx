import { useState } from 'react';
import { Link } from 'react-router';
import { type TimelineEntry, useTimeline } from '../api/timeline.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { I18n } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Empty, ErrorNotice, Loading } from './feedback.tsx';
import { Icon, type IconName } from './icons.tsx';

interface Described {
  readonly icon: IconName;
  readonly tone: '' | 'money' | 'invoice' | 'message' | 'warn';
  readonly title: string;
  readonly detail?: string;
  readonly body?: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function known(i18n: I18n, key: string): key is MessageKey {
  return i18n.t(key as MessageKey) !== key;
}

/** An entry as a person reads it: what happened, to which invoice, for how much, in the chosen language. */
export function describe(i18n: I18n, e: TimelineEntry, fallbackCurrency: string, count = 1): Described {
  const { t } = i18n;
  const after = e.after ?? {};
  const currency = str(after.currency) || e.currency || fallbackCurrency;
  const money = (minor: unknown) => i18n.money(num(minor), currency);
  const number = e.invoiceNumber ?? t('invoices.draftNumber');
  if (e.kind === 'message')
    return {
      icon: e.channel === 'sms' ? 'phone' : 'mail',
      tone: 'message',
      title: e.subject ?? t('timeline.message', { channel: t(`channel.${e.channel ?? 'email'}` as MessageKey), recipient: e.recipient ?? '' }),
      detail: `${t(`channel.${e.channel ?? 'email'}` as MessageKey)} → ${e.recipient ?? ''} · ${e.status ?? ''}`,
      body: e.body ?? undefined,
    };
  if (e.kind === 'portal_view') return { icon: 'eye', tone: '', title: t('timeline.portal.viewed', { number, views: e.views ?? 1 }) };
  const action = e.action ?? '';
  const key = `timeline.${action}`;
  switch (action) {
    case 'invoice.payment_applied':
    case 'invoice.credit_applied':
      return { icon: 'money', tone: 'money', title: t(key as MessageKey, { amount: money(after.amount), number }) };
    case 'payment.recorded':
    case 'payment.reversed':
      return { icon: 'money', tone: action === 'payment.recorded' ? 'money' : 'warn', title: t(key as MessageKey, { amount: money(after.amount) }), detail: [str(after.method) && t(`method.${str(after.method)}` as MessageKey), str(after.reference)].filter(Boolean).join(' · ') };
    case 'invoice.issued':
    case 'invoice.void':
    case 'invoice.written_off':
    case 'invoice.uncollectible':
      return { icon: 'invoices', tone: action === 'invoice.issued' ? 'invoice' : 'warn', title: t(key as MessageKey, { number: str(after.number) || number }), detail: str(after.reason) || undefined };
    case 'invoice.sent':
      return { icon: 'mail', tone: 'message', title: t('timeline.invoice.sent', { number: str(after.number) || number }), detail: str(after.recipient) || undefined };
    case 'note.added':
      return { icon: 'note', tone: '', title: t('timeline.note.added'), body: str(after.body) };
    case 'promise.recorded':
      return { icon: 'clock', tone: 'invoice', title: t('timeline.promise.recorded', { amount: money(after.amount), date: i18n.date(str(after.promisedDate)) }), detail: [str(after.promisedBy), number].filter(Boolean).join(' · '), body: str(after.note) || undefined };
    case 'promise.broken':
      return { icon: 'alert', tone: 'warn', title: t('timeline.promise.broken'), detail: number };
    case 'dispute.opened':
      return { icon: 'alert', tone: 'warn', title: t('timeline.dispute.opened', { reason: t(`disputeReason.${str(after.reasonCode) || 'other'}` as MessageKey) }), detail: number, body: str(after.description) || undefined };
    case 'payment_plan.agreed':
      return { icon: 'clock', tone: 'invoice', title: t('timeline.payment_plan.agreed', { count: Array.isArray(after.installments) ? after.installments.length : 0 }), detail: number };
    case 'task.created':
      return { icon: 'phone', tone: '', title: t('timeline.task.created', { title: str(after.title) }), detail: str(after.dueOn) ? i18n.date(str(after.dueOn)) : undefined };
    case 'task.completed':
      return {
        icon: 'phone',
        tone: '',
        title: t('timeline.task.completed', { outcome: known(i18n, `outcome.${str(after.outcome)}`) ? t(`outcome.${str(after.outcome)}` as MessageKey) : str(after.outcome) }),
        detail: str(after.reasonCode) && known(i18n, `lateReason.${str(after.reasonCode)}`) ? t('timeline.reasonCode', { reason: t(`lateReason.${str(after.reasonCode)}` as MessageKey) }) : undefined,
        body: str(after.note) || undefined,
      };
    case 'dunning.step_skipped':
      return {
        icon: 'mail',
        tone: '',
        title: t('timeline.dunning.step_skipped', { count }),
        detail: [e.invoiceNumber, known(i18n, `skipReason.${str(after.reason)}`) ? t(`skipReason.${str(after.reason)}` as MessageKey) : str(after.reason).toLowerCase().replaceAll('_', ' ')].filter(Boolean).join(' · '),
      };
    case 'collections.handed_over': {
      const numbers = Array.isArray(after.invoices) ? after.invoices.map((i: { number?: unknown }) => str(i.number)).filter(Boolean) : [];
      return { icon: 'alert', tone: 'warn', title: t('timeline.collections.handed_over'), detail: [str(after.agency), numbers.join(', ')].filter(Boolean).join(' · ') || undefined, body: str(after.note) || undefined };
    }
    case 'customer.status_changed':
      return { icon: 'user', tone: '', title: t('timeline.customer.status_changed', { status: known(i18n, `customerStatus.${str(after.status)}`) ? t(`customerStatus.${str(after.status)}` as MessageKey) : str(after.status).replace('_', ' ') }) };
    default:
      return {
        icon: action.startsWith('dunning.') ? 'mail' : action.startsWith('invoice.') ? 'invoices' : 'clock',
        tone: action.startsWith('dunning.') ? 'message' : '',
        title: known(i18n, key) ? t(key as MessageKey, { number }) : action.replaceAll('_', ' ').replace('.', ': '),
        detail: e.entityType === 'invoice' && e.invoiceNumber ? e.invoiceNumber : undefined,
      };
  }
}

/**
 * One line per fact: a draft issued at once shows only as issued, a payment shows once with the invoices it
 * was applied to, and the reminder steps one tick skipped together show as one line with their number.
 */
export function condense(entries: readonly TimelineEntry[]): { entry: TimelineEntry; appliedTo: string[]; count: number }[] {
  const issued = new Set(entries.filter((e) => e.action === 'invoice.issued').map((e) => `${e.at} ${e.entityId}`));
  const paymentsAt = new Set(entries.filter((e) => e.action === 'payment.recorded').map((e) => e.at));
  const applied = new Map<string, string[]>();
  for (const e of entries)
    if (e.action === 'invoice.payment_applied' && paymentsAt.has(e.at)) applied.set(e.at, [...(applied.get(e.at) ?? []), e.invoiceNumber ?? '']);
  const out: { entry: TimelineEntry; appliedTo: string[]; count: number }[] = [];
  for (const entry of entries) {
    if (entry.action === 'invoice.created' && issued.has(`${entry.at} ${entry.entityId}`)) continue;
    if (entry.action === 'invoice.payment_applied' && paymentsAt.has(entry.at)) continue;
    const previous = out[out.length - 1];
    if (entry.action === 'dunning.step_skipped' && previous?.entry.action === entry.action && previous.entry.at === entry.at) {
      previous.count += 1;
      continue;
    }
    out.push({ entry, appliedTo: entry.action === 'payment.recorded' ? (applied.get(entry.at) ?? []) : [], count: 1 });
  }
  return out;
}

function actor(i18n: I18n, e: TimelineEntry): string | null {
  if (e.actorName) return i18n.t('timeline.by', { actor: e.actorName });
  if (e.actorType === 'system') return i18n.t('timeline.by', { actor: i18n.t('timeline.system') });
  if (e.actorType === 'customer') return i18n.t('timeline.by', { actor: i18n.t('timeline.customerActor') });
  return null;
}

function Entry({ entry, appliedTo, count, currency }: { entry: TimelineEntry; appliedTo: readonly string[]; count: number; currency: string }) {
  const i18n = useI18n();
  const [open, setOpen] = useState(false);
  const described = describe(i18n, entry, currency, count);
  const d = appliedTo.length ? { ...described, detail: [described.detail, i18n.t('timeline.appliedTo', { numbers: appliedTo.join(', ') })].filter(Boolean).join(' · ') } : described;
  const by = actor(i18n, entry);
  const long = d.body !== undefined && (d.body.length > 240 || entry.kind === 'message');
  return (
    <li>
      <span className={`tl-icon ${d.tone}`}><Icon name={d.icon} /></span>
      <div>
        <div className="tl-title">
          {entry.entityType === 'invoice' && entry.entityId && entry.kind !== 'message' ? <Link to={`/invoices/${entry.entityId}`} style={{ color: 'inherit' }}>{d.title}</Link> : d.title}
        </div>
        {(d.detail || by) && <div className="subtle">{[d.detail, by].filter(Boolean).join(' · ')}</div>}
        {d.body && (!long || open) && <div className="tl-body">{d.body}</div>}
        {d.body && long && (
          <button type="button" className="linkish subtle" onClick={() => setOpen(!open)}>{open ? i18n.t('timeline.hideMessage') : i18n.t('timeline.showMessage')}</button>
        )}
      </div>
      <time className="tl-meta" dateTime={entry.at}>{i18n.instant(entry.at)}</time>
    </li>
  );
}

/** One timeline of everything about a customer, newest first, older pages on request. */
export function Timeline({ customerId, currency }: { customerId: string; currency: string }) {
  const { t } = useI18n();
  const timeline = useTimeline(customerId);
  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <div className="card-body"><ErrorNotice error={timeline.error} onRetry={() => timeline.refetch()} /></div>;
  const entries = timeline.data.pages.flatMap((p) => p.data);
  if (entries.length === 0) return <Empty>{t('customer.timelineEmpty')}</Empty>;
  return (
    <>
      <ol className="timeline">
        {condense(entries).map(({ entry, appliedTo, count }) => <Entry key={`${entry.kind}-${entry.id}`} entry={entry} appliedTo={appliedTo} count={count} currency={currency} />)}
      </ol>
      {timeline.hasNextPage && (
        <div style={{ padding: 12, textAlign: 'center' }}>
          <button type="button" className="btn small" disabled={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()}>{t('customer.loadMore')}</button>
        </div>
      )}
    </>
  );
}
