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

/** Where the level reminders and deposits act on comes from, in a sentence. */
function sourceSentence(i18n: I18n, customer: CustomerOverview): string {
  const { t } = i18n;
  const { source, computed } = customer.effectiveRisk;
  if (source === 'manual')
    return computed ? t('risk.sourceManualBeside', { level: t(`risk.${computed.level}`), date: i18n.instant(computed.computedAt) }) : t('risk.sourceManual');
  return computed ? t('risk.sourceComputed', { date: i18n.instant(computed.computedAt) }) : t('risk.sourceDefault');
}

/**
 * The customer's effective risk level with where it comes from, and the reasons behind the computed score.
 * Before the first refresh nothing is stored yet: the reasons are today's figures, which the next refresh keeps.
 */
export function RiskExplanation({ customer }: { customer: CustomerOverview }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scored = customer.effectiveRisk.computed ?? customer.risk;
  return (
    <section className="card">
      <div className="card-head">
        <h2>{t('risk.why')}</h2>
        <RiskBadge risk={customer.effectiveRisk.level} />
      </div>
      <div className="card-body">
        <p className="subtle" style={{ marginBottom: 6 }}>{sourceSentence(i18n, customer)}</p>
        <p className="subtle" style={{ marginBottom: 10 }}>{t('risk.score', { score: scored.score })}</p>
        {scored.reasons.length === 0 ? (
          <p className="muted">{t('risk.noReasons')}</p>
        ) : (
          <ul className="reasons">
            {scored.reasons.map((r) => (
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
