import { applyBasisPoints, divideRoundHalfUp, toSafeNumber } from '../money.ts';
import { failure, type Result, success } from '../result.ts';
import type { CustomerPaymentBehaviour } from './payment-behaviour.ts';
import { shareInBasisPoints } from './ratio.ts';

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskFacts {
  /** From paymentBehaviour; undefined when the customer has paid no invoice yet. */
  readonly behaviour: CustomerPaymentBehaviour | undefined;
  /** Promises to pay not kept, over whatever recent period the caller chooses (12 months is usual). */
  readonly brokenPromises: number;
  readonly openDisputes: number;
  /** Open balance past its due date today, in minor units. */
  readonly overdueAmount: number;
  /** In minor units of the same currency; null when the customer has no credit limit. */
  readonly creditLimit: number | null;
}

export interface RiskPolicy {
  /** Scores from here are medium risk, from `highFrom` high. */
  readonly mediumFrom: number;
  readonly highFrom: number;
  /** Fewer paid invoices than this is "no history". */
  readonly minPaidInvoices: number;
  /** The least level of a customer with no history; facts such as broken promises can raise it. */
  readonly noHistoryLevel: RiskLevel;
}

export const DEFAULT_RISK_POLICY: RiskPolicy = { mediumFrom: 20, highFrom: 50, minPaidInvoices: 1, noHistoryLevel: 'medium' };

/**
 * Why a customer scored as it did, for the UI to put into words. `points` is the share of the score.
 * Units of `value`: NO_HISTORY paid invoices so far; AVG_DAYS_LATE tenths of a day (amount-weighted);
 * SHARE_PAID_LATE basis points; BROKEN_PROMISES and OPEN_DISPUTES counts; OVERDUE_VS_CREDIT_LIMIT the overdue
 * amount in basis points of the limit; OVERDUE_WITHOUT_CREDIT the overdue amount in minor units (limit zero).
 */
export type RiskReason =
  | { readonly code: 'NO_HISTORY' | 'AVG_DAYS_LATE' | 'SHARE_PAID_LATE' | 'BROKEN_PROMISES' | 'OPEN_DISPUTES' | 'OVERDUE_WITHOUT_CREDIT'; readonly value: number; readonly points: number }
  | { readonly code: 'OVERDUE_VS_CREDIT_LIMIT'; readonly value: number; readonly overdue: number; readonly creditLimit: number; readonly points: number };

export interface RiskAssessment {
  readonly level: RiskLevel;
  /** 0 (no sign of risk) to 100. */
  readonly score: number;
  /** Factors that added points, most points first, and NO_HISTORY when it applies. */
  readonly reasons: readonly RiskReason[];
}

/*
 * Scoring method: a sum of capped points, so each factor's weight is visible and the total is 0–100.
 *   average days late (amount-weighted)   1 point per full day late       up to 30
 *   share of invoices paid late           25 × share, rounded half-up     up to 25
 *   broken promises to pay                10 each                          up to 20
 *   open disputes                         5 each                           up to 10
 *   overdue amount against credit limit   15 × overdue ÷ limit, half-up   up to 15 (limit zero: 15)
 * Payment history counts most (55 points) because it is what the customer actually did; promises and
 * disputes follow (30), and overdue exposure (15) catches a customer whose history is short but whose debt
 * is already large. No credit limit means that factor is not scored.
 */
const LEVEL_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];

function checkPolicy(policy: RiskPolicy): Result<RiskPolicy> {
  const { mediumFrom, highFrom, minPaidInvoices, noHistoryLevel } = policy;
  if (!Number.isSafeInteger(mediumFrom) || !Number.isSafeInteger(highFrom) || mediumFrom < 1 || highFrom <= mediumFrom || highFrom > 100)
    return failure('INVALID_RISK_POLICY', 'Risk thresholds must be whole scores with 1 ≤ medium < high ≤ 100', 'mediumFrom');
  if (!Number.isSafeInteger(minPaidInvoices) || minPaidInvoices < 1 || minPaidInvoices > 100)
    return failure('INVALID_RISK_POLICY', 'The history minimum is 1 to 100 paid invoices', 'minPaidInvoices');
  if (!LEVEL_ORDER.includes(noHistoryLevel)) return failure('INVALID_RISK_POLICY', 'Unknown risk level', 'noHistoryLevel');
  return success(policy);
}

function checkFacts(facts: RiskFacts): void {
  for (const [name, value] of Object.entries({ brokenPromises: facts.brokenPromises, openDisputes: facts.openDisputes, overdueAmount: facts.overdueAmount }))
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  if (facts.creditLimit !== null && (!Number.isSafeInteger(facts.creditLimit) || facts.creditLimit < 0))
    throw new RangeError('creditLimit must be a non-negative integer or null');
}

function exposureReason(overdue: number, creditLimit: number | null): RiskReason | null {
  if (creditLimit === null || overdue === 0) return null;
  if (creditLimit === 0) return { code: 'OVERDUE_WITHOUT_CREDIT', value: overdue, points: 15 };
  const points = Math.min(15, toSafeNumber(divideRoundHalfUp(BigInt(overdue) * 15n, BigInt(creditLimit))));
  return { code: 'OVERDUE_VS_CREDIT_LIMIT', value: shareInBasisPoints(overdue, creditLimit), overdue, creditLimit, points };
}

function levelOf(score: number, policy: RiskPolicy): RiskLevel {
  return score >= policy.highFrom ? 'high' : score >= policy.mediumFrom ? 'medium' : 'low';
}

export function scoreCustomerRisk(facts: RiskFacts, policy: RiskPolicy = DEFAULT_RISK_POLICY): Result<RiskAssessment> {
  const checked = checkPolicy(policy);
  if (!checked.ok) return checked;
  checkFacts(facts);
  const paid = facts.behaviour?.paidInvoices ?? 0;
  const history = paid >= policy.minPaidInvoices ? facts.behaviour : undefined;
  const candidates: (RiskReason | null)[] = history
    ? [
        { code: 'AVG_DAYS_LATE', value: history.weightedAverageDaysLateTenths, points: Math.min(30, Math.floor(history.weightedAverageDaysLateTenths / 10)) },
        { code: 'SHARE_PAID_LATE', value: history.paidLateShareBp, points: Math.min(25, applyBasisPoints(25, history.paidLateShareBp)) },
      ]
    : [];
  candidates.push(
    { code: 'BROKEN_PROMISES', value: facts.brokenPromises, points: Math.min(20, 10 * facts.brokenPromises) },
    { code: 'OPEN_DISPUTES', value: facts.openDisputes, points: Math.min(10, 5 * facts.openDisputes) },
    exposureReason(facts.overdueAmount, facts.creditLimit),
  );
  const scored = candidates.filter((r): r is RiskReason => r !== null && r.points > 0).sort((a, b) => b.points - a.points);
  const score = scored.reduce((s, r) => s + r.points, 0);
  const byScore = levelOf(score, policy);
  if (history) return success({ level: byScore, score, reasons: scored });
  const level = LEVEL_ORDER.indexOf(byScore) > LEVEL_ORDER.indexOf(policy.noHistoryLevel) ? byScore : policy.noHistoryLevel;
  return success({ level, score, reasons: [{ code: 'NO_HISTORY', value: paid, points: 0 }, ...scored] });
}
