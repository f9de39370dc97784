import type { InvoiceStatus, Risk } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

const STATUS_COLOUR: Record<InvoiceStatus, string> = {
  draft: '',
  open: 'blue',
  partially_paid: 'teal',
  paid: 'green',
  void: '',
  written_off: '',
  uncollectible: 'amber',
};

export function StatusBadge({ status, daysOverdue = 0 }: { status: InvoiceStatus; daysOverdue?: number }) {
  const { t } = useI18n();
  if (daysOverdue > 0 && (status === 'open' || status === 'partially_paid')) return <span className="badge red">{t('status.overdue')}</span>;
  return <span className={`badge ${STATUS_COLOUR[status]}`}>{t(`status.${status}`)}</span>;
}

const RISK_COLOUR = { low: 'green', medium: 'amber', high: 'red' } as const;

export function RiskBadge({ risk }: { risk: Risk['level'] }) {
  const { t } = useI18n();
  return <span className={`badge ${RISK_COLOUR[risk]}`}>{t(`risk.${risk}`)}</span>;
}
