import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { send } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Overview, PortalDocument } from '../types.ts';
import { StatementCard } from './statement-card.tsx';
import { documentTitle, HoldNote, StatusPill } from './status.tsx';

function DocumentCard({ doc, onOpen }: { doc: PortalDocument; onOpen: () => void }) {
  const { t, money, date } = useI18n();
  return (
    <li>
      <button type="button" className="doc" onClick={onOpen}>
        <span className="doc-main">
          <span className="doc-title">{documentTitle(t, doc)}</span>
          <span className="muted small">{doc.payable ? t('doc.due', { date: date(doc.dueDate) }) : t('doc.issued', { date: date(doc.issueDate) })}</span>
          {doc.holds.map((h) => (
            <HoldNote key={h.kind} hold={h} />
          ))}
        </span>
        <span className="doc-side">
          <span className="num doc-amount">{money(doc.payable ? doc.balance : doc.total, doc.currency)}</span>
          <StatusPill doc={doc} />
        </span>
      </button>
    </li>
  );
}

export function OverviewPage({ token, overview, onOpen, onPay, notify }: { token: string; overview: Overview; onOpen: (id: string) => void; onPay: (invoiceIds: string[]) => void; notify: (message: string) => void }) {
  const { t, money } = useI18n();
  const queryClient = useQueryClient();
  const [autopayBusy, setAutopayBusy] = useState(false);
  // Most overdue first: what needs attention leads.
  const open = overview.documents.filter((d) => d.payable).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const settled = overview.documents.filter((d) => !d.payable);
  const autopay = async (on: boolean) => {
    setAutopayBusy(true);
    try {
      if (on) window.location.assign((await send<{ url: string }>(token, 'POST', '/autopay')).url);
      else {
        await send(token, 'DELETE', '/autopay');
        await queryClient.invalidateQueries();
      }
    } finally {
      setAutopayBusy(false);
    }
  };
  return (
    <>
      {overview.balances.length === 0 && <section className="card balance nothing">{t('balance.nothing')}</section>}
      {overview.balances.map((b) => {
        const payable = open.filter((d) => d.currency === b.currency && d.payOnline);
        return (
          <section key={b.currency} className="card balance">
            <p className="hero-label">{t('balance.due')}</p>
            <p className="hero-amount">{money(b.due, b.currency)}</p>
            {b.overdue > 0 && <p className="danger-text">{t('balance.overdue', { amount: money(b.overdue, b.currency) })}</p>}
            {b.credit > 0 && <p className="good">{t('balance.credit', { amount: money(b.credit, b.currency) })}</p>}
            {payable.length > 1 && (
              <button type="button" className="button primary wide" onClick={() => onPay(payable.map((d) => d.id))}>
                {t('balance.payAll', { count: payable.length })}
              </button>
            )}
          </section>
        );
      })}

      <section>
        <h2 className="section-title">{t('list.toPay')}</h2>
        {open.length === 0 ? <p className="muted pad">{t('balance.nothing')}</p> : <ul className="docs">{open.map((d) => <DocumentCard key={d.id} doc={d} onOpen={() => onOpen(d.id)} />)}</ul>}
      </section>

      {settled.length > 0 && (
        <section>
          <h2 className="section-title">{t('list.settled')}</h2>
          <ul className="docs settled">
            {settled.map((d) => (
              <DocumentCard key={d.id} doc={d} onOpen={() => onOpen(d.id)} />
            ))}
          </ul>
        </section>
      )}

      <StatementCard token={token} organization={overview.organization.name} notify={notify} />

      {overview.online.payNow && (
        <section className="card">
          <h2>{t('autopay.title')}</h2>
          {overview.online.autopay.enrolled ? (
            <>
              <p>{t('autopay.on', { method: overview.online.autopay.method ?? '' })}</p>
              <button type="button" className="button secondary" disabled={autopayBusy} onClick={() => void autopay(false)}>
                {t('autopay.off')}
              </button>
            </>
          ) : (
            <>
              <p className="muted">{t('autopay.body')}</p>
              <button type="button" className="button secondary" disabled={autopayBusy} onClick={() => void autopay(true)}>
                {t('autopay.start')}
              </button>
            </>
          )}
        </section>
      )}
    </>
  );
}
