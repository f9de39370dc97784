import type { CustomerOverview, RiskReason } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { RiskBadge } from './badges.tsx';

/** One reason in a sentence of the chosen language, with the customer's own currency for amounts. */
export function riskSentence(i18n: I18n, reason: RiskReason, currency: string): string {
  const { t } = i18n;
  switch (reason.code) {
    case 'NO_HISTORY':
    case 'BROKEN_PROMISES':
    case 'OPEN_DISPUTES':
      return t(`risk.${reason.code}`, { value: reason.value });
    case 'AVG_DAYS_LATE':
      return t('risk.AVG_DAYS_LATE', { days: i18n.tenths(reason.value) });
    case 'SHARE_PAID_LATE':
      return t('risk.SHARE_PAID_LATE', { share: i18n.percent(reason.value) });
    case 'OVERDUE_VS_CREDIT_LIMIT':
      return t('risk.OVERDUE_VS_CREDIT_LIMIT', { overdue: i18n.money(reason.overdue ?? 0, currency), share: i18n.percent(reason.value), limit: i18n.money(reason.creditLimit ?? 0, currency) });
    case 'OVERDUE_WITHOUT_CREDIT':
      return t('risk.OVERDUE_WITHOUT_CREDIT', { amount: i18n.money(reason.value, currency) });
  }
}

export function RiskExplanation({ customer }: { customer: CustomerOverview }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('risk.why')}</h2>
        <RiskBadge risk={customer.risk.level} />
      </div>
      <div className="card-body">
        <p className="subtle" style={{ marginBottom: 10 }}>{t('risk.score', { score: customer.risk.score })}</p>
        {customer.risk.reasons.length === 0 ? (
          <p className="muted">{t('risk.noReasons')}</p>
        ) : (
          <ul className="reasons">
            {customer.risk.reasons.map((r) => (
              <li key={r.code}>
                <span>{riskSentence(i18n, r, customer.currency)}</span>
                {r.points > 0 && <span className="pts">{t('risk.points', { points: r.points })}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
