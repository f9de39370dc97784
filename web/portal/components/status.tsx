import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Hold, PortalDocument } from '../types.ts';

export function StatusPill({ doc }: { doc: PortalDocument }) {
  const { t } = useI18n();
  if (doc.kind === 'credit_note') return <span className="pill pill-info">{t('doc.status.credit')}</span>;
  if (doc.payable && doc.daysOverdue > 0) return <span className="pill pill-danger">{t('doc.overdue', { days: doc.daysOverdue })}</span>;
  const tone = doc.status === 'paid' ? 'pill-success' : doc.payable ? 'pill-neutral' : 'pill-muted';
  return <span className={`pill ${tone}`}>{t(`doc.status.${doc.status}` as MessageKey)}</span>;
}

export function HoldNote({ hold }: { hold: Hold }) {
  const { t, date } = useI18n();
  switch (hold.kind) {
    case 'dispute':
      return <p className="hold">{t('hold.dispute')}</p>;
    case 'promise':
      return <p className="hold">{t('hold.promise', { date: date(hold.date) })}</p>;
    case 'claim':
      return <p className="hold">{t('hold.claim', { date: date(hold.until) })}</p>;
    case 'plan':
      return <p className="hold">{t('hold.plan')}</p>;
  }
}

export function documentTitle(t: ReturnType<typeof useI18n>['t'], doc: PortalDocument): string {
  return t(doc.kind === 'credit_note' ? 'doc.creditNote' : 'doc.invoice', { number: doc.number ?? '' });
}
