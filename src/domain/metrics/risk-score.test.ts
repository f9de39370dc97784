import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerPaymentBehaviour } from './payment-behaviour.ts';
import { DEFAULT_RISK_POLICY, type RiskFacts, scoreCustomerRisk } from './risk-score.ts';

const behaviour = (weightedAverageDaysLateTenths: number, paidLateShareBp: number, paidInvoices = 3): CustomerPaymentBehaviour => ({
  customerId: 'k',
  paidInvoices,
  paidLate: 0,
  paidLateShareBp,
  averageDaysLateTenths: 0,
  weightedAverageDaysLateTenths,
  averageDaysToPayTenths: 0,
});
const facts = (change: Partial<RiskFacts>): RiskFacts => ({ behaviour: undefined, brokenPromises: 0, openDisputes: 0, overdueAmount: 0, creditLimit: null, ...change });

function assess(f: RiskFacts, policy = DEFAULT_RISK_POLICY) {
  const result = scoreCustomerRisk(f, policy);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('risk score', () => {
  it('adds capped points and explains them, most points first', () => {
    // Days late 10.0 → 10 points; 66.67 % paid late → 25 × 0.6667 = 16.67 → 17; 1 broken promise → 10;
    // overdue 30 000 of a 100 000 limit = 3 000 bp → 15 × 0.3 = 4.5 → 5. Score 10 + 17 + 10 + 5 = 42: medium (20–49).
    const a = assess(facts({ behaviour: behaviour(100, 6667), brokenPromises: 1, overdueAmount: 30_000, creditLimit: 100_000 }));
    expect(a).toEqual({
      level: 'medium',
      score: 42,
      reasons: [
        { code: 'SHARE_PAID_LATE', value: 6667, points: 17 },
        { code: 'AVG_DAYS_LATE', value: 100, points: 10 },
        { code: 'BROKEN_PROMISES', value: 1, points: 10 },
        { code: 'OVERDUE_VS_CREDIT_LIMIT', value: 3000, overdue: 30_000, creditLimit: 100_000, points: 5 },
      ],
    });
  });

  it('rates a punctual customer low with no reasons', () => {
    expect(assess(facts({ behaviour: behaviour(0, 0), creditLimit: 50_000 }))).toEqual({ level: 'low', score: 0, reasons: [] });
  });

  it('caps every factor so the worst customer scores 100', () => {
    // 45 days late → 30 (cap); all late → 25; 3 promises → 20 (cap); 4 disputes → 10 (cap); overdue 2 × limit → 15 (cap).
    const a = assess(facts({ behaviour: behaviour(450, 10_000), brokenPromises: 3, openDisputes: 4, overdueAmount: 200_000, creditLimit: 100_000 }));
    expect([a.level, a.score, a.reasons.map((r) => r.points)]).toEqual(['high', 100, [30, 25, 20, 15, 10]]);
  });

  it('gives full exposure points when overdue money meets a zero credit limit', () => {
    const a = assess(facts({ behaviour: behaviour(0, 0), overdueAmount: 500, creditLimit: 0 }));
    expect(a.reasons).toEqual([{ code: 'OVERDUE_WITHOUT_CREDIT', value: 500, points: 15 }]);
  });

  it('puts a new customer at medium with NO_HISTORY unless the policy says otherwise', () => {
    expect(assess(facts({}))).toEqual({ level: 'medium', score: 0, reasons: [{ code: 'NO_HISTORY', value: 0, points: 0 }] });
    expect(assess(facts({}), { ...DEFAULT_RISK_POLICY, noHistoryLevel: 'low' }).level).toBe('low');
    // Two paid invoices are not yet history when the policy asks for three; their lateness is not scored.
    const short = assess(facts({ behaviour: behaviour(300, 10_000, 2) }), { ...DEFAULT_RISK_POLICY, minPaidInvoices: 3 });
    expect(short).toEqual({ level: 'medium', score: 0, reasons: [{ code: 'NO_HISTORY', value: 2, points: 0 }] });
  });

  it('lets other facts raise a new customer above the no-history level', () => {
    // 2 broken promises 20 + 4 disputes 10 + overdue at 150 % of the limit 15 (cap) = 45 ≥ 40 → high.
    const a = assess(facts({ brokenPromises: 2, openDisputes: 4, overdueAmount: 1_500, creditLimit: 1_000 }), { ...DEFAULT_RISK_POLICY, highFrom: 40 });
    expect([a.level, a.score, a.reasons[0]?.code]).toEqual(['high', 45, 'NO_HISTORY']);
  });

  it.each([
    [{ mediumFrom: 0 }, 'mediumFrom'],
    [{ mediumFrom: 60, highFrom: 50 }, 'mediumFrom'],
    [{ highFrom: 101 }, 'mediumFrom'],
    [{ minPaidInvoices: 0 }, 'minPaidInvoices'],
    [{ noHistoryLevel: 'extreme' as never }, 'noHistoryLevel'],
  ])('refuses the policy %j', (change, field) => {
    const result = scoreCustomerRisk(facts({}), { ...DEFAULT_RISK_POLICY, ...change });
    expect(result.ok || [result.code, result.field]).toEqual(['INVALID_RISK_POLICY', field]);
  });

  it('treats impossible facts as a bug', () => {
    expect(() => scoreCustomerRisk(facts({ brokenPromises: -1 }))).toThrow(RangeError);
    expect(() => scoreCustomerRisk(facts({ creditLimit: 1.5 }))).toThrow(RangeError);
  });

  it('always scores 0 to 100, with the points adding up to the score', () => {
    const factsArb = fc.record({
      behaviour: fc.option(fc.record({ late: fc.integer({ min: 0, max: 100_000 }), share: fc.integer({ min: 0, max: 10_000 }), paid: fc.integer({ min: 1, max: 50 }) }), { nil: undefined }),
      brokenPromises: fc.nat(1000),
      openDisputes: fc.nat(1000),
      overdueAmount: fc.nat(),
      creditLimit: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(factsArb, ({ behaviour: b, ...rest }) => {
        const a = assess({ ...rest, behaviour: b && behaviour(b.late, b.share, b.paid) });
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        expect(a.reasons.reduce((s, r) => s + r.points, 0)).toBe(a.score);
      }),
    );
  });
});
